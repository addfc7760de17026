// Type-ahead for the search box: titles that start with the (partial) Thai words typed, as links under the box.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  var list = document.getElementById("search-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer = null;
  var latest = 0;

  function clear() {
    list.innerHTML = "";
    list.hidden = true;
  }

  function show(suggestions) {
    list.innerHTML = "";
    suggestions.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      li.appendChild(link);
      list.appendChild(li);
    });
    list.hidden = suggestions.length === 0;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 2) { clear(); return; }
    timer = setTimeout(function () {
      var request = ++latest;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (request === latest) show(data.suggestions || []); })
        .catch(clear);
    }, 200);
  });
  input.addEventListener("keydown", function (event) { if (event.key === "Escape") clear(); });
})();
