# handleviz: `make run` serves the visualizer, `make test` checks everything.
PORT ?= 8000
GO   ?= go
WASM_FLAGS := -trimpath -ldflags="-s -w"

# Everything the wasm build reads (make rebuilds only when one changes; the
# Go build cache keeps rebuilds cheap).
WASM_SRC := go.mod go.sum $(shell find wasm assets kernel -type f \( -name '*.go' -o -name '*.scn' -o -name '*.css' -o -name '*.json' -o -name '*.svg' \) -not -name '*_test.go' 2>/dev/null)

.PHONY: run test fmt-check vet gotest wasm figures clean verify

run: web/app.wasm
	$(GO) run ./wasm -addr localhost:$(PORT)

wasm: web/app.wasm

web/app.wasm: $(WASM_SRC)
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o $@ ./wasm

# A go-app hello world built with the same flags: the size reference.
web/hello.wasm: wasm/e2e/hello/main.go go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o $@ ./wasm/e2e/hello

test: fmt-check vet web/app.wasm
	$(GO) test ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go'; git ls-files --others --exclude-standard '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm ./wasm/ui ./wasm/scene ./assets

# The Wine differential oracle: every lesson and golden as a C program under
# wine64 (mingw-w64 builds it), compared with the model step by step; the
# results go into docs/verification.md. Without the tools it fails with
# status 2 and says which is missing (make test's own check skips locally
# and fails under CI=true: kernel/verify's TestWineLessons).
verify:
	$(GO) run ./kernel/cmd/verify --doc docs/verification.md

# Browser figures and the screenshot written into docs/ (the browser test
# always measures; this also records the results).
figures: web/app.wasm web/hello.wasm
	HANDLEVIZ_FIGURES=1 $(GO) test -count=1 -run 'TestBrowser' -v ./wasm/e2e

clean:
	rm -rf web/app.wasm web/hello.wasm web/test-output
