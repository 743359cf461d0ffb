/* The mutual-aid report charts (ECharts, served by the app). Data: the json_script element "ma-charts". */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var source = document.getElementById("ma-charts");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var instance = echarts.init(el);
    instance.setOption(option);
    window.addEventListener("resize", function () { instance.resize(); });
  }
  var money = ["contributions", "paid"];
  chart("chart-trend", {
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { data: data.trend.series.map(function (s) { return s.name; }) },
    xAxis: { type: "category", data: data.trend.periods },
    yAxis: [{ type: "value", name: "" }, { type: "value", name: "¥" }],
    series: data.trend.series.map(function (s) {
      var isMoney = money.indexOf(s.code) >= 0;
      return { name: s.name, type: isMoney ? "bar" : "line", yAxisIndex: isMoney ? 1 : 0,
               data: s.data.map(Number) };
    })
  });
  chart("chart-benefit", {
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { data: [data.labels.claims, data.labels.paid] },
    xAxis: { type: "category", data: data.by_benefit.labels, axisLabel: { interval: 0, width: 90, overflow: "break" } },
    yAxis: [{ type: "value" }, { type: "value", name: "¥" }],
    series: [{ name: data.labels.claims, type: "bar", data: data.by_benefit.claims },
             { name: data.labels.paid, type: "bar", yAxisIndex: 1, data: data.by_benefit.paid.map(Number) }]
  });
  chart("chart-category", {
    tooltip: { trigger: "item", renderMode: "richText" },
    series: [{ type: "pie", radius: ["35%", "65%"], data: data.by_category }]
  });
  chart("chart-org", {
    tooltip: { trigger: "axis", renderMode: "richText" },
    grid: { left: 160 },
    xAxis: { type: "value", name: "¥" },
    yAxis: { type: "category", data: data.by_org.labels },
    series: [{ name: data.labels.paid, type: "bar", data: data.by_org.paid.map(Number) }]
  });
});
