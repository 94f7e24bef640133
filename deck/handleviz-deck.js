/* handleviz-deck.js: reveal.js fragments drive an embedded handleviz lesson
 * (docs/embedding.md).
 *
 * In the deck: an <iframe data-handleviz="LESSON"> in a slide, and
 * fragments in that slide. Entering the slide shows the lesson at the
 * slide's data-handleviz-statement (0-based) plus one statement per
 * fragment already shown; a fragment shown is {type:"next", by:"statement"},
 * a fragment hidden {type:"prev", by:"statement"}; a fragment with its own
 * data-handleviz-statement goes to that statement instead. When the frame
 * (re)loads, its "ready" event brings it to where the slide is.
 *
 * The app's address: ?app=URL on the deck's URL, else the deck's
 * data-handleviz-app attribute on <body>, else http://localhost:8000/
 * (`make run`).
 */
(function () {
  'use strict';

  var events = window.handlevizEvents = []; // every event heard (a debugging aid; the browser test reads it)

  function appBase() {
    var p = new URLSearchParams(location.search).get('app');
    return new URL(p || document.body.dataset.handlevizApp || 'http://localhost:8000/', location.href);
  }

  function frameOf(slide) { return slide ? slide.querySelector('iframe[data-handleviz]') : null; }

  function statementAt(slide) {
    var base = +(slide.dataset.handlevizStatement || 0);
    var shown = slide.querySelectorAll('.fragment.visible');
    for (var i = shown.length - 1; i >= 0; i--) {
      if (shown[i].dataset.handlevizStatement !== undefined) {
        return +shown[i].dataset.handlevizStatement + (shown.length - 1 - i);
      }
    }
    return base + shown.length;
  }

  function init(Reveal) {
    var app = appBase();
    // Only this deck's origin may drive the frames, and the frames answer
    // only to it (?origins=).
    document.querySelectorAll('iframe[data-handleviz]').forEach(function (f) {
      var u = new URL(app.href);
      u.searchParams.set('embed', '1');
      u.searchParams.set('lesson', f.dataset.handleviz);
      u.searchParams.set('origins', location.origin);
      ['lang', 'controls', 'theme'].forEach(function (k) {
        if (f.dataset[k]) u.searchParams.set(k, f.dataset[k]);
      });
      f.setAttribute('data-src', u.href); // reveal.js loads it when the slide comes near
    });

    function send(slide, cmd) {
      var f = frameOf(slide);
      if (f && f.contentWindow) f.contentWindow.postMessage(cmd, app.origin);
    }
    function sync(slide) {
      if (frameOf(slide)) send(slide, { type: 'goto', statement: statementAt(slide) });
    }

    Reveal.on('ready', function (e) { sync(e.currentSlide); });
    Reveal.on('slidechanged', function (e) { sync(e.currentSlide); });
    Reveal.on('fragmentshown', function (e) {
      var slide = Reveal.getCurrentSlide();
      if (e.fragment.dataset.handlevizStatement !== undefined) sync(slide);
      else send(slide, { type: 'next', by: 'statement' });
    });
    Reveal.on('fragmenthidden', function (e) {
      var slide = Reveal.getCurrentSlide();
      if (e.fragment.dataset.handlevizStatement !== undefined) sync(slide);
      else send(slide, { type: 'prev', by: 'statement' });
    });

    window.addEventListener('message', function (e) {
      if (e.origin !== app.origin || !e.data || e.data.source !== 'handleviz') return;
      events.push(e.data);
      var slide = Reveal.getCurrentSlide(), f = frameOf(slide);
      if (e.data.type === 'ready' && f && e.source === f.contentWindow) sync(slide);
    });
  }

  window.HandlevizDeck = { init: init };
})();
