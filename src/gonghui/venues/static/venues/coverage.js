/* Coverage planning: uncovered demand points and suggested sites on the map drawn by stations.js. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var el = document.getElementById("station-map");
  if (!el || typeof L === "undefined") { return; }
  var data = JSON.parse(el.getAttribute("data-map"));
  var map = el._leaflet_map;
  if (!map) { return; }
  var bounds = [];
  (data.uncovered || []).forEach(function (p) {
    L.circleMarker(p, { radius: 3, color: "#c62828", weight: 1, fillOpacity: 0.6 }).addTo(map);
    bounds.push(p);
  });
  (data.suggestions || []).forEach(function (s) {
    L.circle([s[0], s[1]], { radius: 1000, color: "#1565c0", weight: 1, fillOpacity: 0.1 }).addTo(map);
    L.circleMarker([s[0], s[1]], { radius: 8, color: "#1565c0", fillOpacity: 0.9 }).bindTooltip(String(s[2]), { permanent: true }).addTo(map);
  });
  if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20] }); }
});
