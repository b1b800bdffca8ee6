// Turn a seller's question into the guide's words before Material's search sees it:
// question words and particles go, everyday words become guide terms, and every Han run
// is cut into words the index knows (longest first), so no unknown word swallows the rest.
// Loaded on first use of the search box, with the vocabulary the build wrote (search-terms.js).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SearchNormalize = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var HAN = /[\u3400-\u9fff]/;
  var SENTINEL = "\u3007";

  function prepare(terms) {
    var words = {}, longest = 1;
    var add = function (word, meaning) { words[word] = meaning; longest = Math.max(longest, word.length); };
    terms.vocab.forEach(function (w) { if (w.length > 1) add(w, w); });
    Object.keys(terms.synonyms).forEach(function (target) {
      add(target, target);
      terms.synonyms[target].forEach(function (w) { add(w, target); });
    });
    terms.ignore.forEach(function (w) { add(w, ""); });
    return { words: words, longest: longest, traditional: terms.traditional || {}, pinyin: terms.pinyin || {} };
  }

  // A traditional character becomes the simplified one the index holds; a query typed in pinyin alone, with or
  // without spaces ("dingdanxian", "ding dan xian", "ddx"), becomes the term or title it spells.
  function simplify(query, prepared) {
    var own = Object.prototype.hasOwnProperty;
    var plain = query.replace(/[^\x00-\x7f]/g, function (c) { return own.call(prepared.traditional, c) ? prepared.traditional[c] : c; });
    var spelled = plain.toLowerCase().replace(/\s+/g, "");
    return /^[a-z]+$/.test(spelled) && own.call(prepared.pinyin, spelled) ? prepared.pinyin[spelled] : plain;
  }

  // The guide words a query asks for, in order, each once.
  function words(query, prepared) {
    var out = [];
    var push = function (w) { if (w && out.indexOf(w) < 0) out.push(w); };
    // ASCII and CJK punctuation: \u3001 \u3002 \u300c-\u300f \u3010 \u3011 \u201c \u201d \uff01-\uff1f (full-width forms)
    simplify(query, prepared).split(/[\s,.;:!?"'()\u3001\u3002\u300a-\u300f\u3010\u3011\u201c\u201d\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]+/).forEach(function (chunk) {
      if (!HAN.test(chunk)) {
        var lower = chunk.toLowerCase();  // one word in pinyin ("ddx") among others
        if (!Object.prototype.hasOwnProperty.call(prepared.pinyin, lower)) return push(lower);
        chunk = prepared.pinyin[lower];
      }
      for (var i = 0; i < chunk.length;) {
        var found = 0;
        for (var n = Math.min(prepared.longest, chunk.length - i); n > 0 && !found; n--) {
          var piece = chunk.substr(i, n);
          if (Object.prototype.hasOwnProperty.call(prepared.words, piece)) { push(prepared.words[piece]); found = n; }
          else if (n === 1 && !HAN.test(piece)) { found = 1; }
        }
        i += found || 1;  // an unknown single character is dropped: it would only match noise
      }
    });
    return out;
  }

  // Material's segmenter never tries a Han run as a whole word (it only looks at slices that
  // stop before the run's last character), so "ABC" reaches the index as "AB*". A trailing
  // ideographic zero, itself never a word, lets it find every word chosen here whole.
  function normalize(query, prepared) {
    return words(query, prepared).map(function (w) { return HAN.test(w) ? w + SENTINEL : w; }).join(" ");
  }

  // Material's search runs in a Worker; queries reach it as {type: 2, data: "..."}.
  function install(terms) {
    var prepared = prepare(terms), Worker = window.Worker;
    if (!Worker || Worker.prototype.__normalized) return;
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      var args = Array.prototype.slice.call(arguments);
      if (message && message.type === 2 && typeof message.data === "string") {
        args[0] = { type: 2, data: normalize(message.data, prepared) };
      }
      return post.apply(this, args);
    };
    Worker.prototype.__normalized = true;
    // A seller may have typed before this script arrived: search again, now in the guide's words.
    var box = document.querySelector(".md-search__input");
    if (box && box.value) box.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
  }

  if (typeof window !== "undefined" && window.__searchTerms) install(window.__searchTerms);
  return { prepare: prepare, simplify: simplify, words: words, normalize: normalize, SENTINEL: SENTINEL, install: install };
});
