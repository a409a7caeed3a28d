// ekatalog serve: the page works without this script. With it, the form is
// sent in the background with upload progress, the result is put into the
// page without a reload, and downloads keep the page (and the chosen file)
// as it is. XMLHttpRequest rather than fetch: fetch reports no upload
// progress.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("upload");
  if (!form) return;
  var bar = form.querySelector(".progress");
  var progress = document.getElementById("progress");
  var status = document.getElementById("status");

  function show(text, fraction) {
    bar.hidden = false;
    status.textContent = text;
    if (fraction === undefined) progress.removeAttribute("value");
    else progress.value = fraction;
  }

  function fileName(disposition, fallback) {
    var m = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    if (m) return decodeURIComponent(m[1]);
    m = /filename="?([^";]+)"?/i.exec(disposition || "");
    return m ? m[1] : fallback;
  }

  function fitFrames(root) {
    root.querySelectorAll("iframe.report").forEach(function (f) {
      f.addEventListener("load", function () {
        try {
          var h = f.contentDocument.documentElement.scrollHeight;
          if (h > 0) f.style.height = (h + 24) + "px";
        } catch (e) { /* keep the CSS height */ }
      });
    });
  }
  fitFrames(document);

  form.addEventListener("submit", function (ev) {
    var button = ev.submitter;
    var download = button && button.hasAttribute("data-download");
    var url = (button && button.hasAttribute("formaction")) ? button.formAction : form.action;
    ev.preventDefault();
    // Larger uploads would be cut off by the server (413); say so at once.
    var max = Number(form.dataset.maxUpload) || 0;
    var total = 0;
    form.querySelectorAll("input[type=file]").forEach(function (f) {
      if (f.files.length) total += f.files[0].size;
    });
    if (max > 0 && total > max) {
      show(form.dataset.tooLarge, 0);
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = download ? "blob" : "document";
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) show(form.dataset.uploading, e.loaded / e.total);
    });
    xhr.upload.addEventListener("load", function () { show(form.dataset.working); });
    xhr.addEventListener("error", function () { show(form.dataset.failed, 0); });
    xhr.addEventListener("load", function () {
      bar.hidden = true;
      if (!download) {
        var fresh = xhr.response && xhr.response.getElementById("result");
        var old = document.getElementById("result");
        if (fresh && old) {
          old.replaceWith(document.importNode(fresh, true));
          fitFrames(document.getElementById("result"));
        } else {
          show(form.dataset.failed + " (" + xhr.status + ")", 0);
        }
        return;
      }
      if (xhr.status !== 200) {
        xhr.response.text().then(function (t) {
          var text = t;
          try { text = JSON.parse(t).error; } catch (e) { /* not JSON */ }
          show(form.dataset.failed + " (" + xhr.status + "): " + text, 0);
        });
        return;
      }
      var a = document.createElement("a");
      a.href = URL.createObjectURL(xhr.response);
      a.download = fileName(xhr.getResponseHeader("Content-Disposition"), "ekatalog");
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
    show(form.dataset.uploading, 0);
    xhr.send(new FormData(form));
  });
});
