/* Skole–hjem-håndboka: checklists you can tick.
   Ticks are kept in this browser only (localStorage), one key per checklist item:
   "skole-hjem-sjekkliste:<checklist>:<item>" = "1". Nothing leaves the device.
   Without JavaScript the checklist is a plain list that prints well. */
(function () {
  "use strict";

  function storage() {
    try {
      var probe = "skole-hjem-sjekkliste:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage blocked: ticking still works, it is just not remembered
    }
  }

  function setUp(list, store) {
    var prefix = list.getAttribute("data-checklist");
    var template = list.getAttribute("data-progress");
    var boxes = Array.prototype.slice.call(list.querySelectorAll('input[type="checkbox"][data-item]'));
    var progress = list.querySelector(".hb-checklist__progress");
    var reset = list.querySelector(".hb-checklist__reset");
    var print = list.querySelector(".hb-checklist__print");
    var status = list.querySelector(".hb-checklist__status");
    var undo = list.querySelector(".hb-checklist__undo-button");
    var cleared = null; // the items ticked before «Fjern alle kryss», while it can be undone

    function key(box) { return prefix + ":" + box.getAttribute("data-item"); }

    function update() {
      var done = boxes.filter(function (box) { return box.checked; }).length;
      progress.textContent = template.replace("{done}", done).replace("{total}", boxes.length);
      list.classList.toggle("hb-checklist--done", done === boxes.length);
    }

    boxes.forEach(function (box) {
      if (store && store.getItem(key(box)) === "1") { box.checked = true; }
      box.addEventListener("change", function () {
        if (store) {
          if (box.checked) { store.setItem(key(box), "1"); } else { store.removeItem(key(box)); }
        }
        forgetUndo();
        update();
      });
    });

    function tick(box, checked) {
      box.checked = checked;
      if (store) {
        if (checked) { store.setItem(key(box), "1"); } else { store.removeItem(key(box)); }
      }
    }

    // Once the reader ticks something again, the cleared ticks are no longer theirs to restore.
    function forgetUndo() {
      if (!cleared) { return; }
      cleared = null;
      undo.hidden = true;
      status.textContent = "";
    }

    reset.addEventListener("click", function () {
      var ticked = boxes.filter(function (box) { return box.checked; });
      boxes.forEach(function (box) { tick(box, false); });
      update();
      if (!ticked.length) { return; }
      // Not final: say what happened (a live region) and offer «Angre» until the next tick.
      cleared = ticked;
      status.textContent = list.getAttribute("data-cleared");
      undo.hidden = false;
      undo.focus();
    });
    undo.addEventListener("click", function () {
      var restore = cleared || [];
      restore.forEach(function (box) { tick(box, true); });
      forgetUndo();
      update();
      reset.focus();
    });
    print.addEventListener("click", function () {
      // print the checklist on its own (a parent page also has an article around it)
      document.documentElement.classList.add("hb-print-checklist");
      window.print();
    });
    window.addEventListener("afterprint", function () {
      document.documentElement.classList.remove("hb-print-checklist");
    });

    progress.hidden = false;
    reset.hidden = false;
    print.hidden = false;
    update();
  }

  function init() {
    var store = storage();
    Array.prototype.forEach.call(document.querySelectorAll(".hb-checklist[data-checklist]"), function (list) {
      setUp(list, store);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
