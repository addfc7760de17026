// Thai slugs in the editor's browser, spelt as on the server (core/slugs.py): Wagtail's slug controller keeps
// only letters and digits (\p{L}\p{N}), which drops Thai vowels and tone marks (\p{M}). This replaces the
// controller registered as "w-slug" with one that keeps them.
(function () {
  "use strict";

  function thaiSlugify(value) {
    return value
      .normalize("NFC")
      .toLowerCase()
      .replace(/[^-_\p{L}\p{M}\p{N}\s]/gu, "")
      .replace(/[-\s]+/g, "-")
      .replace(/^[-_]+|[-_]+$/g, "")
      .substring(0, 255)
      .replace(/-+$/g, "");
  }

  function install() {
    var app = window.wagtail && window.wagtail.app;
    var module = app && app.router.modulesByIdentifier.get("w-slug");
    if (!module) return false;
    var Base = module.definition.controllerConstructor;
    if (Base.prongsaiThai) return true;

    class ThaiSlugController extends Base {
      static prongsaiThai = true;

      clean(event, options, action) {
        var ignoreUpdate = (options && options.ignoreUpdate) || false;
        var runFormat = options && "runFormat" in options ? options.runFormat : !ignoreUpdate;
        var detail = (event && event.detail) || {};
        var original = "value" in detail ? detail.value : this.element.value;
        var prepared = this.prepareValue(original, { runFormat: runFormat });
        if (!prepared) return "";
        var cleaned = thaiSlugify(prepared);
        if (!ignoreUpdate) this.applyUpdate(action, cleaned, original);
        return cleaned;
      }

      slugify(event, options) {
        return this.clean(event, options, "slugify");
      }

      urlify(event, options) {
        return this.clean(event, options, "urlify");
      }
    }

    app.register("w-slug", ThaiSlugController);
    return true;
  }

  if (!install()) {
    document.addEventListener("DOMContentLoaded", install);
  }
})();
