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
        update();
      });
    });

    reset.addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
        if (store) { store.removeItem(key(box)); }
      });
      update();
      if (boxes.length) { boxes[0].focus(); }
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
