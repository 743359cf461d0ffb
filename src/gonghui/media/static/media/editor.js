// The newsroom editor (Trix, served from node_modules by the app). Trix adds a <style> of its default rules; the
// page's Content-Security-Policy admits it by the nonce the view chose for this page, which Trix reads from a
// <meta name="trix-csp-nonce"> (made here from this script's data-nonce, before Trix loads).
(function () {
  var script = document.currentScript;
  var nonce = script && script.dataset.nonce;
  if (nonce && !document.head.querySelector("meta[name=trix-csp-nonce]")) {
    var meta = document.createElement("meta");
    meta.name = "trix-csp-nonce";
    meta.content = nonce;
    document.head.appendChild(meta);
  }
})();
// Files are not attached from the editor (the cover has its own upload, checked on the server).
document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
