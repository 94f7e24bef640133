# handleviz: `make run` serves the visualizer, `make test` checks everything,
# `make site` writes the static site into dist/ (BASE=/repo/ for a GitHub
# Pages project site).
PORT ?= 8000
GO   ?= go
BASE ?= /
WASM_FLAGS := -trimpath -ldflags="-s -w"

# Everything the wasm build reads (make rebuilds only when one changes; the
# Go build cache keeps rebuilds cheap).
WASM_SRC := go.mod go.sum $(shell find wasm assets kernel -type f \( -name '*.go' -o -name '*.scn' -o -name '*.css' -o -name '*.json' -o -name '*.svg' \) -not -name '*_test.go' 2>/dev/null)

.PHONY: run site test test-wasm fmt-check vet staticcheck race gotest wasm figures clean verify deck

# staticcheck, pinned (go run fetches that version through the module proxy).
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# Serves the same site `make site` writes (from memory, nothing else).
run: web/app.wasm
	$(GO) run ./wasm -addr localhost:$(PORT) -base $(BASE)

# The static site: pages, scripts, app.wasm and .br/.gz copies. The wasm's
# copies are kept as web/app.wasm.br and .gz (brotli at its best quality
# takes a minute or two), so only a changed wasm is compressed again.
site: web/app.wasm
	rm -rf dist
	$(GO) run ./wasm -generate dist -base $(BASE)

wasm: web/app.wasm

web/app.wasm: $(WASM_SRC)
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o $@ ./wasm

# A go-app hello world built with the same flags: the size reference.
web/hello.wasm: wasm/e2e/hello/main.go go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o $@ ./wasm/e2e/hello

# The deck's reveal.js (TestRevealDeck) is installed when npm is there;
# without it that test says so and skips (fails under CI=true).
DECK_DEPS := $(if $(shell command -v npm 2>/dev/null),deck/node_modules/.package-lock.json)

test: fmt-check vet staticcheck web/app.wasm web/hello.wasm $(DECK_DEPS)
	$(GO) test -timeout 30m ./...
	$(MAKE) race

# The host packages under the race detector (-short: the long random and
# fuzz-seed runs are not what -race is for, and take 10x longer there).
race:
	$(GO) test -race -short ./kernel/... ./text ./wasm/scene

staticcheck:
	$(GO) run $(STATICCHECK) ./...

# The inputs that drive recursion or budgets, run under Node: the wasm stack
# and speed are the browser's, not the native 1 GB stack's.
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -exec=$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec -run 'TestDeep|TestWorst' ./kernel/scenario

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
# and fails under CI=true: kernel/verify's TestWineLessons and
# TestWineGoldens).
verify:
	$(GO) run ./kernel/cmd/verify --doc docs/verification.md

# Browser figures and the screenshot written into docs/ (the browser test
# always measures; this also records the results).
figures: web/app.wasm web/hello.wasm
	HANDLEVIZ_FIGURES=1 $(GO) test -count=1 -timeout 40m -run 'TestBrowser|TestFirstScene|TestPublishedSite' -v ./wasm/e2e

# The example reveal.js deck (deck/, docs/embedding.md): reveal.js from npm
# at the version deck/package-lock.json pins (TestRevealDeck needs it).
deck: deck/node_modules/.package-lock.json

deck/node_modules/.package-lock.json: deck/package-lock.json
	cd deck && npm ci --no-audit --no-fund --loglevel=error

clean:
	rm -rf web/*.wasm web/*.wasm.br web/*.wasm.gz web/test-output dist
