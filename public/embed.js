/* paylink embed: mounts a payment page in an iframe on a merchant's page.
   Paylink.mount(element, { url, onEvent, theme, lang }) -> { destroy() }
   Protocol (docs/embedding.md): {source: "paylink", version: 1, type, ...}. */
(function () {
  'use strict';
  var SOURCE = 'paylink';
  var VERSION = 1;
  // The payment page lives where this script does: a page elsewhere is refused.
  var SCRIPT = document.currentScript;
  var PAGE_ORIGIN = SCRIPT && SCRIPT.src ? new URL(SCRIPT.src).origin : null;
  var LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/;
  var LABEL = '(?!-)[a-z0-9-]{1,63}(?<!-)';
  var NAME = new RegExp('^(\\[::1\\]|' + LABEL + '(\\.' + LABEL + ')*)$');

  // The page's own redirect rule (src/checkout/redirect.rs, tests/redirect_cases.json):
  // https with a plain ASCII host, a port in range and no userinfo; loopback
  // http only when the page itself is served from loopback.
  function followable(href, development) {
    if (typeof href !== 'string' || /[^\x21-\x5b\x5d-\x7e]/.test(href)) return false;
    var m = /^(https?):\/\/(\[::1\]|[^\/?#:\[\]]*)(?::(\d{1,5}))?(?=[\/?#]|$)/.exec(href);
    if (!m) return false;
    var host = m[2].toLowerCase();
    if (host.length > 253 || !NAME.test(host) || /(^|\.)xn--/.test(host)) return false;
    if (m[3] !== undefined && (+m[3] < 1 || +m[3] > 65535)) return false;
    try {
      var url = new URL(href);
      if (url.username || url.password) return false;
    } catch (e) { return false; }
    return m[1] === 'https' || (development && LOOPBACK.test(host));
  }
  // True while this window is navigated away (the framed page may do it
  // itself); reset if that navigation was cancelled.
  var leaving = false;
  addEventListener('beforeunload', function () {
    leaving = true;
    setTimeout(function () { leaving = false; }, 1000);
  });

  function mount(element, options) {
    var url = new URL(options.url, PAGE_ORIGIN || location.href);
    var pageOrigin = url.origin;
    if (PAGE_ORIGIN && pageOrigin !== PAGE_ORIGIN) {
      throw new Error('Paylink.mount: the page must be on ' + PAGE_ORIGIN + ', where embed.js is served from');
    }
    var development = /^http:/.test(pageOrigin) && LOOPBACK.test(url.hostname);
    url.searchParams.set('embed_origin', location.origin);
    if (options.lang) url.searchParams.set('lang', options.lang);

    var frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = options.title || 'Payment';
    frame.allow = 'payment; clipboard-write';
    frame.style.cssText = 'display:block;width:100%;border:0;min-height:320px';
    element.appendChild(frame);

    function send(message) {
      message.source = SOURCE;
      message.version = VERSION;
      frame.contentWindow.postMessage(JSON.stringify(message), pageOrigin);
    }

    function onMessage(event) {
      // Only the page in our own frame, from its exact origin.
      if (event.origin !== pageOrigin || event.source !== frame.contentWindow) return;
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (!message || message.source !== SOURCE || message.version !== VERSION) return;
      switch (message.type) {
        case 'ready':
          if (options.theme) send({ type: 'theme', tokens: options.theme });
          break;
        case 'resize':
          if (typeof message.height === 'number') frame.style.height = message.height + 'px';
          break;
        case 'redirect':
          // A bank page never loads in a frame: the whole page goes, once
          // (a second navigation would abort the frame's and ask the bank twice).
          if (followable(message.url, development)) {
            setTimeout(function () { if (!leaving) location.assign(message.url); }, 250);
          }
          break;
        case 'status':
        case 'complete':
        case 'error':
          break;
        default:
          return;
      }
      if (options.onEvent) options.onEvent(message);
    }

    addEventListener('message', onMessage);
    return {
      frame: frame,
      destroy: function () {
        removeEventListener('message', onMessage);
        frame.remove();
      }
    };
  }

  window.Paylink = { mount: mount };
})();
