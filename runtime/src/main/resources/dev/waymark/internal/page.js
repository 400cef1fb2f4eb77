// Waymark's status page: the filter navigates, and the list refreshes itself every 2 seconds.
// Bundled with the runtime; the page loads nothing else.
(function () {
  var select = document.getElementById("status");
  if (select) {
    select.addEventListener("change", function () {
      location.href = select.value ? "/?status=" + encodeURIComponent(select.value) : "/";
    });
  }
  var body = document.querySelector("tbody[data-refresh]");
  if (body) {
    var filter = body.getAttribute("data-refresh");
    setInterval(function () {
      fetch("/rows" + (filter ? "?status=" + encodeURIComponent(filter) : ""))
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) { body.innerHTML = html; } })
        .catch(function () {});
    }, 2000);
  }
  if (document.getElementById("live")) { // a workflow page, while the workflow runs
    setTimeout(function () { location.reload(); }, 2000);
  }
})();
