/* Visits per month (ECharts, served by the app). */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var el = document.getElementById("visits-chart");
  if (!el || typeof echarts === "undefined") { return; }
  var data = JSON.parse(el.getAttribute("data-chart"));
  echarts.init(el).setOption({
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { data: [data.labels.checkins, data.labels.anonymous] },
    xAxis: { type: "category", data: data.months },
    yAxis: { type: "value" },
    series: [
      { name: data.labels.checkins, type: "bar", stack: "v", data: data.checkins },
      { name: data.labels.anonymous, type: "bar", stack: "v", data: data.anonymous }
    ]
  });
});
