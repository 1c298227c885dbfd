// Chancery: small progressive enhancements; every page works without this file.
//
// - "Copy" buttons beside citations (the citation's plain text goes to the clipboard).
// - The search sidebar starts folded on narrow screens (it is a <details> open by default).
// - Closed details (provenance) open for printing.
// - Uploads: files can be dropped on the upload form; the upload shows its progress, then the
//   upload's page polls its import instead of refreshing itself.
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

  function enhanceUploadForm() {
    var form = document.querySelector("form[data-upload-form]");
    if (!form || !window.FormData || !window.XMLHttpRequest) {
      return;
    }
    var zone = form.querySelector("[data-drop-zone]");
    var input = form.querySelector("input[type=file]");
    var progress = form.querySelector("[data-upload-progress]");
    var meter = progress && progress.querySelector("progress");
    var percent = progress && progress.querySelector("[data-upload-percent]");
    if (zone && input) {
      ["dragenter", "dragover"].forEach(function (name) {
        zone.addEventListener(name, function (event) {
          event.preventDefault();
          zone.classList.add("dragging");
        });
      });
      ["dragleave", "drop"].forEach(function (name) {
        zone.addEventListener(name, function () {
          zone.classList.remove("dragging");
        });
      });
      zone.addEventListener("drop", function (event) {
        event.preventDefault();
        if (event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files.length) {
          input.files = event.dataTransfer.files;
        }
      });
    }
    form.addEventListener("submit", function (event) {
      if (!input || !input.files || !input.files.length) {
        return;
      }
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.getAttribute("action"));
      if (progress) {
        progress.hidden = false;
      }
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable && meter) {
          var p = Math.round((e.loaded / e.total) * 100);
          meter.value = p;
          if (percent) {
            percent.textContent = p + "% sent";
          }
        }
      });
      request.addEventListener("load", function () {
        // The server answers with the upload's page (after its redirect), or an error page.
        if (request.responseURL && request.status < 400) {
          window.location.assign(request.responseURL);
        } else {
          document.open();
          document.write(request.responseText);
          document.close();
        }
      });
      request.addEventListener("error", function () {
        if (percent) {
          percent.textContent = "The upload failed: check the connection and try again.";
        }
      });
      request.send(new FormData(form));
    });
  }

  function pollImportJob() {
    var page = document.querySelector("[data-import-job][data-running]");
    if (!page || !window.fetch) {
      return;
    }
    // The page would refresh itself; polling instead keeps the reader's place.
    var refresh = document.querySelector("meta[http-equiv=refresh]");
    if (refresh) {
      refresh.parentNode.removeChild(refresh);
    }
    var id = page.getAttribute("data-import-job");
    var read = page.querySelector("[data-job-read]");
    var committed = page.querySelector("[data-job-committed]");
    var meter = page.querySelector("[data-job-meter]");
    function tick() {
      fetch("/admin/import/jobs/" + encodeURIComponent(id) + "/status", { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (status) {
          if (read) { read.textContent = status.read; }
          if (committed) { committed.textContent = status.committed; }
          if (meter) { meter.value = status.committed; }
          if (status.phase === "running") {
            window.setTimeout(tick, 700);
          } else {
            window.location.reload();
          }
        }, function () {
          window.setTimeout(tick, 2000);
        });
    }
    window.setTimeout(tick, 500);
  }

  function start() {
    addCopyButtons();
    foldSidebarOnNarrowScreens();
    openDetailsForPrint();
    enhanceUploadForm();
    pollImportJob();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
