// Every public page: the visitor's text size and contrast, remembered in this browser (localStorage, never a cookie),
// and the header's menu kept open on wide screens by browsers that cannot show a closed <details> with CSS.
// Loaded in <head> without defer, so the choice applies before the page is drawn; it wires the controls once parsed.
(function () {
  "use strict";
  var KEY = "prongsai-display";
  var SIZES = ["normal", "large", "larger"];
  var root = document.documentElement;

  function read() {
    try {
      var prefs = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return prefs && typeof prefs === "object" ? prefs : {};
    } catch (error) {
      return {};
    }
  }

  function write(prefs) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch (error) {
      // Storage refused (private mode, quota): the choice still holds for this page.
    }
  }

  function apply(prefs) {
    var size = SIZES.indexOf(prefs.size) >= 0 ? prefs.size : "normal";
    SIZES.forEach(function (name) {
      root.classList.toggle("text-" + name, name === size && name !== "normal");
    });
    root.classList.toggle("contrast-high", prefs.contrast === true);
    return size;
  }

  var prefs = read();
  apply(prefs);

  function wireTools() {
    var tools = document.querySelector("[data-display-tools]");
    if (!tools) return;
    var sizeButtons = tools.querySelectorAll("[data-text-size]");
    var contrastButton = tools.querySelector("[data-contrast]");

    function sync() {
      var size = apply(prefs);
      Array.prototype.forEach.call(sizeButtons, function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-text-size") === size));
      });
      if (contrastButton) contrastButton.setAttribute("aria-pressed", String(prefs.contrast === true));
    }

    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !tools.contains(button)) return;
      if (button.hasAttribute("data-text-size")) prefs.size = button.getAttribute("data-text-size");
      if (button.hasAttribute("data-contrast")) prefs.contrast = prefs.contrast !== true;
      write(prefs);
      sync();
    });
    tools.hidden = false;
    sync();
  }

  function wireMenu() {
    var menu = document.querySelector("[data-site-menu]");
    var supported = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
    if (!menu || supported || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 48rem)");
    function follow() {
      menu.open = wide.matches;
    }
    follow();
    if (wide.addEventListener) wide.addEventListener("change", follow);
  }

  function ready() {
    wireTools();
    wireMenu();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
