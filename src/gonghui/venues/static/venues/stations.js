/* The station map and "near me" (no outside request: tiles only when GONGHUI_MAP_TILE_URL names a source). */
(function () {
  "use strict";

  function plainGrid() {
    // Offline intranets: a light grid instead of map tiles, drawn in the browser.
    var Grid = L.GridLayer.extend({
      createTile: function (coords) {
        var tile = document.createElement("canvas");
        var size = this.getTileSize();
        tile.width = size.x; tile.height = size.y;
        var ctx = tile.getContext("2d");
        ctx.fillStyle = "#f4f6f2"; ctx.fillRect(0, 0, size.x, size.y);
        ctx.strokeStyle = "#d5dbd0"; ctx.strokeRect(0, 0, size.x, size.y);
        return tile;
      }
    });
    return new Grid();
  }

  function drawMap(el) {
    if (!el || typeof L === "undefined") { return null; }
    var data = JSON.parse(el.getAttribute("data-map"));
    var map = L.map(el, { zoomControl: true, attributionControl: !!data.tiles });
    if (data.tiles) {
      L.tileLayer(data.tiles, { maxZoom: 18 }).addTo(map);
    } else {
      plainGrid().addTo(map);
    }
    var bounds = [];
    if (data.origin) {
      L.circleMarker(data.centre, { radius: 7, color: "#1565c0", fillOpacity: 0.9 }).addTo(map);
      bounds.push(data.centre);
    }
    (data.markers || []).forEach(function (m) {
      var marker = L.circleMarker([m.lat, m.lng], { radius: 9, color: "#c62828", fillOpacity: 0.8 }).addTo(map);
      marker.bindTooltip((m.rank ? m.rank + ". " : "") + m.name);
      if (m.url) { marker.on("click", function () { window.location.href = m.url; }); }
      bounds.push([m.lat, m.lng]);
    });
    if (bounds.length > 1) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 }); }
    else { map.setView(data.centre, bounds.length ? 15 : 12); }
    el._leaflet_map = map;  // for coverage.js
    return map;
  }

  function nearMe() {
    var button = document.getElementById("near-me");
    if (!button) { return; }
    var status = document.getElementById("near-me-status");
    button.addEventListener("click", function () {
      if (!navigator.geolocation) { status.textContent = button.getAttribute("data-denied"); return; }
      status.textContent = button.getAttribute("data-locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        var form = document.getElementById("finder-form");
        document.getElementById("finder-lat").value = position.coords.latitude.toFixed(6);
        document.getElementById("finder-lng").value = position.coords.longitude.toFixed(6);
        document.getElementById("finder-district").value = "";
        form.submit();
      }, function () {
        status.textContent = button.getAttribute("data-denied");
      }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
    });
  }

  function draggablePicker() {
    // The staff form: a draggable marker that writes WGS-84 coordinates into the form.
    var el = document.getElementById("venue-picker");
    if (!el || typeof L === "undefined") { return; }
    var lat = document.getElementById("id_lat"), lng = document.getElementById("id_lng");
    var system = document.getElementById("id_system");
    var data = JSON.parse(el.getAttribute("data-map"));
    var map = L.map(el);
    if (data.tiles) { L.tileLayer(data.tiles, { maxZoom: 18 }).addTo(map); } else { plainGrid().addTo(map); }
    var start = [parseFloat(lat.value) || data.centre[0], parseFloat(lng.value) || data.centre[1]];
    var marker = L.marker(start, { draggable: true }).addTo(map);
    map.setView(start, 15);
    marker.on("dragend", function () {
      var p = marker.getLatLng();
      lat.value = p.lat.toFixed(7); lng.value = p.lng.toFixed(7);
      if (system) { system.value = "wgs84"; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("station-map");
    if (el) { drawMap(el); }
    nearMe();
    draggablePicker();
    var staffMap = document.getElementById("staff-map");
    if (staffMap) {
      var map = drawMap(staffMap);
      var url = staffMap.getAttribute("data-source");
      var layer = L.layerGroup().addTo(map);
      var load = function () {
        var b = map.getBounds();
        fetch(url + "?south=" + b.getSouth() + "&west=" + b.getWest() + "&north=" + b.getNorth() + "&east=" + b.getEast(),
              { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (rows) {
          layer.clearLayers();
          rows.forEach(function (v) {
            var colour = v.approval === "approved" ? "#2e7d32" : "#ef6c00";
            L.circleMarker([v.lat, v.lng], { radius: 6, color: colour, fillOpacity: 0.8 })
              .bindTooltip(v.name + " (" + v.code + ")")
              .on("click", function () { window.location.href = v.url; }).addTo(layer);
          });
        });
      };
      map.on("moveend", load);
      load();
    }
  });
}());
