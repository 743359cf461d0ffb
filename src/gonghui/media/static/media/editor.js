// The newsroom editor (Trix, served from node_modules by the app): files are not attached from the editor (the
// cover has its own upload, checked on the server), so dropping or pasting a file is refused here.
document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
