/* paylink embed: mounts a payment page in an iframe on a merchant's page.
   Paylink.mount(element, { url, onEvent, theme, lang }) -> { destroy() }
   Protocol (docs/embedding.md): {source: "paylink", version: 1, type, ...}. */
(function () {
  'use strict';
  var SOURCE = 'paylink';
  var VERSION = 1;
  // True while this window is navigated away (the framed page may do it
  // itself); reset if that navigation was cancelled.
  var leaving = false;
  addEventListener('beforeunload', function () {
    leaving = true;
    setTimeout(function () { leaving = false; }, 1000);
  });

  function mount(element, options) {
    var url = new URL(options.url, location.href);
    var pageOrigin = url.origin;
    url.searchParams.set('embed_origin', location.origin);
    if (options.lang) url.searchParams.set('lang', options.lang);

    var frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = options.title || 'Payment';
    frame.allow = 'payment';
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
          if (/^https:\/\//.test(message.url) || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(message.url)) {
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
