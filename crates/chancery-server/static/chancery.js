// Chancery: small progressive enhancements; every page works without this file.
//
// - "Copy" buttons beside citations (the citation's plain text goes to the clipboard).
// - The search sidebar starts folded on narrow screens (it is a <details> open by default).
// - Closed details (provenance) open for printing.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http on a local network: the older way, through a hidden text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }

  function addCopyButtons() {
    var slots = document.querySelectorAll(".copy-slot[data-copy-text]");
    Array.prototype.forEach.call(slots, function (slot) {
      var label = slot.getAttribute("data-copy-label") || "citation";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy the " + label + " citation");
      var status = document.createElement("span");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () {
        copyText(slot.getAttribute("data-copy-text") || "").then(
          function () {
            status.textContent = "Copied.";
            button.setAttribute("data-copied", "true");
          },
          function () {
            status.textContent = "Could not copy: select the text instead.";
          }
        );
        window.setTimeout(function () {
          status.textContent = "";
        }, 4000);
      });
      slot.appendChild(button);
      slot.appendChild(status);
    });
  }

  function foldSidebarOnNarrowScreens() {
    if (!window.matchMedia || !window.matchMedia("(max-width: 55.99rem)").matches) {
      return;
    }
    var panels = document.querySelectorAll("details.refine[open]");
    Array.prototype.forEach.call(panels, function (panel) {
      // Keep it open when a filter is on, so the reader sees what is chosen.
      if (!panel.querySelector(".facet-entry.active")) {
        panel.removeAttribute("open");
      }
    });
  }

  function openDetailsForPrint() {
    window.addEventListener("beforeprint", function () {
      var closed = document.querySelectorAll(".document details:not([open])");
      Array.prototype.forEach.call(closed, function (d) {
        d.setAttribute("open", "");
        d.setAttribute("data-print-opened", "");
      });
    });
    window.addEventListener("afterprint", function () {
      var opened = document.querySelectorAll("details[data-print-opened]");
      Array.prototype.forEach.call(opened, function (d) {
        d.removeAttribute("open");
        d.removeAttribute("data-print-opened");
      });
    });
  }

  function start() {
    addCopyButtons();
    foldSidebarOnNarrowScreens();
    openDetailsForPrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
