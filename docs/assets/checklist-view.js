// The result part of /checklist/, drawn from a checklist document (OrderChecklist.listDocument): the
// verdict, the one next step, the groups of items, "your answers", the impact table and progress.
// DOM APIs and textContent only: no answer, CSV cell or URL parameter ever becomes markup.
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function table(headers, rows) {
    return el("table", {}, [el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
                             el("tbody", {}, rows.map(function (r) { return el("tr", {}, r.map(function (c) { return el("td", { text: c }); })); }))]);
  }

  // Replaces a region's content only when what it shows changed: a link being tapped stays where it is.
  function refresh(region, signature, children) {
    if (region.getAttribute("data-for") === signature) return;
    region.setAttribute("data-for", signature);
    region.replaceChildren.apply(region, children());
  }

  // The seller typed counts and the file says otherwise: never overwrite silently. Each difference has the
  // state's label, the typed count and the file's; the page listens to the two buttons.
  function conflict(differ, words, fill) {
    var use = el("button", { type: "button", className: "md-button md-button--primary", text: words.csv_use_file });
    var keep = el("button", { type: "button", className: "md-button", text: words.csv_keep_mine });
    var node = el("div", { className: "ck-conflict", role: "group", "aria-labelledby": "csv-conflict-title" }, [
      el("p", { id: "csv-conflict-title", text: words.csv_conflict }),
      el("ul", {}, differ.map(function (d) { return el("li", { text: fill(words.csv_conflict_row, d) }); })),
      el("div", { className: "ck-conflict-actions" }, [use, keep])]);
    return { node: node, use: use, keep: keep };
  }

  // hooks: links (ref -> address), answerLink(path, text), fill, onTick(item, checked), setZero(path, label).
  function create(root, data, hooks) {
    var v = data.words, ui = data.ui, fill = hooks.fill;
    var $ = function (selector) { return root.querySelector(selector); };
    var pair = function (term, text) { return fill(ui.pair, { term: term, text: text }); };

    function guideLink(link, title) {
      return el("a", { className: "ck-guide", href: hooks.links[link] || "#", text: fill(v.guide_link_named, { title: title }) });
    }

    function setVerdict(kind, title, body) {
      var verdict = $("#verdict"), bar = $("#status-bar-verdict");
      verdict.className = "admonition " + kind;
      verdict.replaceChildren.apply(verdict, [el("p", { className: "admonition-title", text: title })].concat(body));
      bar.textContent = title;
      bar.className = "ck-status-verdict ck-status-" + kind;
    }

    function setNext(parts) {
      var next = $("#next-step");
      next.hidden = false;
      next.replaceChildren.apply(next, [el("strong", { text: pair(v.next_title, "") })].concat(parts));
    }

    // Answers missing or invalid: no verdict, no list; the next step is the first question to settle.
    function undecided(missing, bad) {
      var body = [];
      if (bad.length) body.push(el("p", { text: fill(v.invalid_answers, { fields: bad.map(function (b) { return b.label; }).join(ui.list_separator) }) }));
      if (missing.length) {
        body.push(el("p", { text: v.missing_answers }),
                  el("ul", { className: "ck-missing" }, missing.map(function (f) { return el("li", {}, [hooks.answerLink(f.key, f.label)]); })));
      }
      setVerdict("warning", v.undecided, body);
      var first = bad[0] || missing[0], words = bad.length ? v.next_fix : v.next_answer;
      setNext([hooks.answerLink(first.key, fill(words, { label: first.label }))]);
      $("#lists").hidden = true;
      $("#impact").replaceChildren(el("p", { text: v.answer_first }));
    }

    function decided(doc, done) {
      setVerdict(doc.ready ? "success" : "danger", doc.verdict.title,
                 [el("p", { text: doc.verdict.text })].concat(doc.ready ? [] : [el("p", { className: "ck-ticks-note", text: v.ticks_note })]));
      setNext([el("span", { text: doc.next.text + " " }), guideLink(doc.next.link, doc.next.guide)]);
      $("#lists").hidden = false;
      renderGroups(doc, done);
      $("#impact").replaceChildren(doc.impact.length ? table([ui.impact_aspect, ui.impact_level], doc.impact.map(function (r) { return [r.aspect, r.level]; }))
        : el("p", { text: v.impact_unanswered }));
    }

    function itemNode(item) {
      var box = el("input", { type: "checkbox" });
      box.addEventListener("change", function () { hooks.onTick(li.item, box.checked); zeroOffer(li); });
      var zero = el("button", { type: "button", className: "md-button ck-set-zero", hidden: "" });
      zero.addEventListener("click", function () { hooks.setZero(zero.getAttribute("data-path"), zero.getAttribute("data-label")); });
      var li = el("li", { className: "ck-item", id: "item-" + item.id, "data-item-id": item.id }, [
        el("label", { className: "ck-tick" }, [box, el("span", { className: "ck-item-text" })]),
        el("p", { className: "ck-reason" }), el("p", { className: "ck-because" }), el("p", { className: "ck-meta" }), zero]);
      return li;
    }

    // A tick does not change the verdict, the answers do: beside a ticked blocking item that a count put
    // there, the seller may set that count to 0. The offer goes with the item once the count is 0.
    function zeroOffer(li) {
      var zero = li.querySelector(".ck-set-zero"), path = li.item.count;
      var state = data.states.find(function (s) { return path.slice(-s.key.length - 1) === "." + s.key; });
      var show = !!(state && li.item.reason && li.querySelector("input").checked);
      zero.hidden = !show;
      if (show) {
        zero.setAttribute("data-path", path);
        zero.setAttribute("data-label", state.label);
        zero.textContent = fill(v.set_zero, { label: state.label });
      }
    }

    function fillItem(li, item, done) {
      li.item = item;
      li.querySelector("input").checked = !!done[item.id];
      var text = li.querySelector(".ck-item-text"), reason = li.querySelector(".ck-reason"), why = li.querySelector(".ck-because");
      if (text.textContent !== item.text) text.textContent = item.text;
      reason.hidden = !item.reason;
      reason.textContent = item.reason ? fill(v.reason_line, { reason: item.reason }) : "";
      var parts = [fill(v.because, { answers: "" })];
      item.because.forEach(function (a, n) { if (n) parts.push(ui.list_separator); parts.push(hooks.answerLink(a.field, pair(a.label, a.value))); });
      refresh(why, JSON.stringify(item.because), function () { return item.because.length ? parts : []; });
      why.hidden = !item.because.length;
      refresh(li.querySelector(".ck-meta"), item.link + "\n" + item.guide, function () { return [guideLink(item.link, item.guide)]; });
      zeroOffer(li);
    }

    // Items keep their nodes between updates, and nodes are only moved when the order changes: a tap
    // that lands while the list refreshes (the edit before it ends as focus leaves) is not lost.
    function place(list, nodes) {
      var same = nodes.length === list.children.length && nodes.every(function (li, i) { return list.children[i] === li; });
      if (!same) list.replaceChildren.apply(list, nodes);
    }

    function renderGroups(doc, done) {
      var old = {};
      root.querySelectorAll("#lists .ck-item").forEach(function (li) { old[li.getAttribute("data-item-id")] = li; });
      var byKey = {};
      doc.groups.forEach(function (g) { byKey[g.key] = g; });
      root.querySelectorAll("#lists .ck-group").forEach(function (section) {
        var group = byKey[section.id.replace(/^group-/, "")], items = group ? group.items : [];
        place(section.querySelector("ul"), items.map(function (item) {
          var li = old[item.id] || itemNode(item);
          fillItem(li, item, done);
          return li;
        }));
        section.hidden = !items.length;
      });
    }

    function answers(rows) {
      refresh($("#answers"), JSON.stringify(rows), function () {
        return rows.map(function (r) {
          return el("div", { className: "ck-answer" }, [el("dt", { text: r.label }),
            el("dd", {}, [el("span", { text: r.value + " " }), hooks.answerLink(r.field, v.change, "ck-change")])]);
        });
      });
    }

    function progress(text) {
      var boxes = root.querySelectorAll("#lists:not([hidden]) .ck-item input[type=checkbox]"), done = 0;
      boxes.forEach(function (b) { if (b.checked) done++; });
      var bar = $("#progress"), words = boxes.length ? fill(text, { done: done, total: boxes.length }) : "";
      bar.max = boxes.length || 1; bar.value = done;
      $("#progress-text").textContent = words;
      $("#status-bar-progress").textContent = words;
    }

    // The heading and the tab say whose list it is; Material's ¶ link stays after the heading's text.
    var heading = document.getElementById("page-title"), suffix = document.title.indexOf(data.app.title) === 0 ?
      document.title.slice(data.app.title.length) : "";
    function title(name) {
      var named = name ? fill(v.named_title, { name: name }) : data.app.title;
      if (heading && heading.firstChild && heading.firstChild.nodeType === 3) heading.firstChild.nodeValue = named;
      document.title = named + suffix;
    }

    return { undecided: undecided, decided: decided, answers: answers, progress: progress, title: title };
  }

  window.OrderChecklistView = { create: create, el: el, table: table, refresh: refresh, conflict: conflict };
})();
