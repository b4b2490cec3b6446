/* Skole–hjem-håndboka: search in the header, served by Pagefind.
   Pagefind keeps one index per language (from <html lang>), so a reader gets results
   in the language of the page they are on. Everything is fetched from this site only:
   Pagefind's files and the language's vocabulary (pagefind/vocab/, written by the build
   from the same pages, see handbook/search.py): <lang>.json with the first search (word
   rules, whom each page is for, page titles), the site's words in parts by first letter
   for the words typed, and the key words only when a typed word is not the site's.
   What the first query costs (handbook bench): the results' titles show at once from
   <lang>.json; the excerpts of the first FIRST_PAGE results are fetched when typing
   pauses, so a fast typist does not download excerpts for every letter.

   Keys as in Material: "/" or "s" focuses the field; the field is a combobox, so arrow
   keys move through the results while focus stays in the field, Enter opens the chosen
   (or first) result, Escape closes and leaves focus in the field, and Tab out of the
   search closes it. What the closed search hides takes no focus: the results frame and
   the reset button are inert, and on a phone the field is out of the tab order (the
   search icon in the header, a button made by a11y.js, opens the search and focuses the
   field; Escape there returns focus to the icon).

   How results are found and ordered (rank(), also used by tests/test_search.py through
   window.hbSearch, so the tests measure exactly what readers get). The words of the query
   are split as the build splits page words; the language's rules come with its
   vocabulary file (data/search_stopwords.yml).

   0. Typing errors. A word the site never uses (not one of its words, nor the start of
      one, nor one of them with a short ending; in uk, so, ti compared as stems) is
      replaced by the closest key word of the site: a word of a heading, of the glossary
      or of the search vocabulary (data/search_synonyms.yml); one wrong, missing, extra
      or swapped letter, two in words of eight letters or more; a wrong Latin letter
      that is neither a neighbouring key nor the same letter with or without its accent
      counts one and a half (substitution()); in Ge'ez, a wrong vowel of the right
      consonant counts half. The most common key word wins a tie. A compound of eight
      letters or more that is no typing error is split into two words of the site, the
      first one also as the start of the site's words (compound(); nb, en, pl). Results
      are shown for the corrected query, and the reader is offered it («Mente du …?»).
   1. Strict: Pagefind's own search for the whole query. Pagefind finds only pages that
      hold every word (each word also as the start of a longer word, and in nb, en, ar
      and pl as any form of the word; in uk, so and ti a word the site has only in another
      form is asked for as its stem, strictForm()). If it finds ENOUGH pages and the query
      is not a question, these are the results, in Pagefind's order (× the audience boost, 3).
   2. Relaxed, for a question (three words or more, beginning with a filler word or a
      third of them filler words: «hva gjør jeg når …») or when the strict search finds
      too little. The topic words (the query without filler words; without words the
      site never uses, unless no other word is left) are searched one at a time; in
      Ukrainian, Somali and Tigrinya, which Pagefind cannot stem, each also as its stem
      (see stem()); in Arabic, a verb also as its stem and its other persons (verbForms()),
      and another person of a site's verb is no typing error (sameVerb()). A page's score is
          S = sum over the topic words w it holds of  weight(w) × s(w) / best(w)
          score = S × (sum of weight(w) of the words it holds / sum of weight(w) of all)
      where weight(w) = ln(1 + pages in the index / pages holding w), so a rare word
      counts more than a common one; s(w) is Pagefind's score for the page and that word,
      and best(w) the highest score any page has for it. The second factor puts pages
      that hold more (and rarer) of the words first. A page made of a generated list (the
      glossary, the letters, the changes, the sources …: handbook/generated.py LISTINGS)
      holds many words once each and points elsewhere for them: its score × LISTING_WEIGHT.
   3. Audience: a page meant for the same readers as the page the search starts from
      (front matter 'audience') gets its score × AUDIENCE_BOOST, so a teacher on a
      teacher page sees the teacher guidance first and a parent on a parent page the
      parent page; when the query says who asks («barnet mitt», «eleven min»: 'voices'),
      pages for them get × VOICE_BOOST instead. The reader can also show pages for one
      audience only.
   4. Nothing found: the key words closest to the typed ones, and pages to start from
      (handbook/search.py SUGGESTED_PAGES), in the reader's language.
   Equal scores keep Pagefind's order, then the page id's: the same query always gives
   the same list. */
(function () {
  "use strict";

  var dialog = document.querySelector("[data-hb-search]");
  if (!dialog) { return; }
  var settings = JSON.parse(dialog.querySelector(".hb-search-config").textContent);
  var texts = settings.texts;
  var toggle = document.getElementById("__search");
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector(".md-search__form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var status = dialog.querySelector("[data-hb-search-status]");
  var notes = dialog.querySelector("[data-hb-search-notes]");
  var list = dialog.querySelector(".md-search-result__list");
  var after = dialog.querySelector("[data-hb-search-after]");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var here = (dialog.getAttribute("data-audience") || "").split(" ").filter(Boolean);

  var ENOUGH = 3;           // fewer strict results than this: relax the query
  var AUDIENCE_BOOST = 1.5; // pages for the same readers as the current page
  var VOICE_BOOST = 2;      // pages for the readers the query says it comes from («barnet mitt»)
  var LISTING_WEIGHT = 0.7; // relaxed: a page made of a generated list (glossary, letters, changes …)
  var FIRST_PAGE = 3;       // results shown with their excerpts at first: each excerpt costs a download
  var PAGE_SIZE = 6;        // results added by «Vis flere»
  var SETTLE_MS = 150;      // excerpts are fetched once the reader pauses this long (titles show at once)
  var ANNOUNCE_MS = 900;    // the result count is announced once typing pauses this long

  // ---- loading: Pagefind and the language's vocabulary -----------------------------------
  var pagefind = null;
  var attempts = 0;
  var vocabulary = null;

  function load() {
    if (!pagefind) {
      attempts += 1;
      var url = new URL("pagefind/pagefind.js", root);
      // the browser remembers a failed module import: ask again under a new address
      if (attempts > 1) { url.search = "?attempt=" + attempts; }
      pagefind = import(url.href).then(function (module) {
        // termFrequency 0.5 (Pagefind's default 1.0): a word said many times on a long page
        // does not outweigh a page about it
        // noWorker: Pagefind searches in the page; its worker would be one more download
        // (13 KB) to search an index this small
        return module.options({ baseUrl: root.pathname, noWorker: true, ranking: { termFrequency: 0.5 } })
          .then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  var NO_WORDS = { pages: 0, words: [], keys: [], stopwords: [], endings: [], prefixes: [], syllables: false, voices: {},
                   audience: {}, titles: {}, known: {}, stop: {}, parts: {}, missing: {}, noWords: true };

  function words() {
    if (!vocabulary) {
      vocabulary = window.fetch(new URL(settings.vocabulary, root).href).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (data) {
        data.words = [];
        data.known = {};
        data.parts = {};
        data.keys = [];
        data.missing = {};
        data.stop = {};
        data.stopwords.forEach(function (word) { data.stop[word] = true; });
        return data;
      });
      // without the vocabulary the search still works, only less forgiving; try again next time
      vocabulary = vocabulary.catch(function () { vocabulary = null; return NO_WORDS; });
    }
    return vocabulary;
  }

  // The site's words, which tell a typing error from a word the site uses, and the key
  // words, what an error is corrected to, are fetched only when needed (handbook/search.py
  // write_vocabularies): the words in parts, one per first letter, for the letters a typed
  // word or its stem begins with; the key words when a typed word is not one of the site's,
  // or nothing is found. What cannot be loaded is not corrected.
  function wordParts(word, vocab) {
    var parts = [word.charCodeAt(0).toString(16)];
    if (vocab.prefixes.length || hasStemming(vocab)) {
      var stemmed = stem(word, vocab);
      if (stemmed) { parts.push(stemmed.charCodeAt(0).toString(16)); }
    }
    return unique(parts);
  }

  function fetchPart(vocab, part, name, use) {
    if (!vocab.parts[part]) {
      vocab.parts[part] = window.fetch(new URL(settings.vocabulary.replace(/\.json$/, name), root).href).then(function (response) {
        if (response.status === 404) { return []; } // no word of the site begins with this letter
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (list) { use(list); return true; }, function () { delete vocab.parts[part]; return false; });
    }
    return vocab.parts[part];
  }

  function siteWords(typed, vocab) {
    vocab.missing = {};
    if (vocab.noWords) { return Promise.resolve(); }
    var needed = [];
    typed.filter(function (word) { return !vocab.stop[word]; }).forEach(function (word) {
      needed = needed.concat(wordParts(word, vocab));
    });
    needed = unique(needed);
    return Promise.all(needed.map(function (part) {
      return fetchPart(vocab, part, "-words-" + part + ".json", function (list) {
        list.forEach(function (word) { if (!vocab.known[word]) { vocab.known[word] = true; vocab.words.push(word); } });
        vocab.stems = null;
      });
    })).then(function (loaded) {
      needed.forEach(function (part, i) { if (!loaded[i]) { vocab.missing[part] = true; } });
    });
  }

  function keyWords(vocab) {
    if (vocab.noWords) { return Promise.resolve(); }
    return fetchPart(vocab, "keys", "-keys.json", function (list) { vocab.keys = list; });
  }

  // Whom each page is for, by Pagefind's page id: from the vocabulary file (the build reads
  // it from Pagefind's fragments; a filtered Pagefind search would fetch every index chunk).
  function audienceOf(vocab) {
    if (!vocab.byPage) {
      vocab.byPage = {};
      Object.keys(vocab.audience || {}).forEach(function (who) {
        vocab.audience[who].forEach(function (id) { (vocab.byPage[id] = vocab.byPage[id] || []).push(who); });
      });
    }
    return { values: Object.keys(vocab.audience || {}), byPage: vocab.byPage };
  }

  // ---- words -------------------------------------------------------------------------------
  var MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g; // Arabic vowel signs
  var SEPARATORS = /[\s.,;:!?¿¡"“”„«»‹›()[\]{}\/\\|–—‐\-…·•*+=<>#~^%&@$€£_،؛؟۔።፣፤፥፦፧፨]+/;

  function tokens(query) {
    return query.normalize("NFC").replace(MARKS, "").toLowerCase().split(SEPARATORS).map(function (word) {
      return word.replace(/^['’]+|['’]+$/g, "");
    }).filter(Boolean);
  }

  function unique(items) {
    return items.filter(function (item, index) { return items.indexOf(item) === index; });
  }

  function isGeez(word) { return /^[\u1200-\u139f]/.test(word); }

  // The bare consonant of a Ge'ez syllable (the sixth of its row of eight: ዲ -> ድ).
  var LABIAL_ROWS = [0x1248, 0x1258, 0x1288, 0x12b0, 0x12c0, 0x1310];
  function consonant(letter) {
    var code = letter.charCodeAt(0);
    var row = code - (code - 0x1200) % 8;
    if (code < 0x1200 || code > 0x1357 || LABIAL_ROWS.indexOf(row) >= 0) { return letter; }
    return String.fromCharCode(row + 5);
  }

  function unprefix(word, rules) {
    var found = "";
    rules.prefixes.forEach(function (prefix) {
      if (word.indexOf(prefix) === 0 && word.length - prefix.length >= 2 && prefix.length > found.length) { found = prefix; }
    });
    return found ? word.slice(found.length) : word;
  }

  // The stem searched as a word start in a language Pagefind cannot stem: without an
  // attached preposition and the longest listed ending that leaves at least four letters.
  // Ge'ez letters are syllables, and Tigrinya word forms change their vowels (ወለዲ
  // parent, ወለድቲ parents, ዝተፋትሑ / ተፋቲሕና divorced): there the stem is the word's
  // consonants (each syllable reduced to its bare consonant), without the last one when
  // four or more are left (ወለዲ and ወለድቲ both -> ውልድ). The build adds the same stems
  // of a page's words to its index entry (handbook/search.py stem()).
  function stem(word, rules) {
    var geez = isGeez(word);
    var rest = unprefix(word, rules);
    var ending = "";
    rules.endings.forEach(function (end) {
      if (rest.length - end.length >= (geez ? 2 : 4) && rest.slice(-end.length) === end && end.length > ending.length) { ending = end; }
    });
    rest = rest.slice(0, rest.length - ending.length);
    if (rules.syllables && geez) {
      rest = rest.split("").map(consonant).join("");
      if (rest.length >= 4) { rest = rest.slice(0, -1); }
    }
    return rest;
  }

  // A wrong letter typed: in the Latin alphabet, a key next to the right one on the
  // keyboard (Norwegian layout, as most readers type) or the same letter without or with
  // its accent (o for ø, a for å, l for ł) is one error; any other letter one and a half, so
  // that one wrong letter does not turn a word the site does not use into another, real
  // word («kjefte» is not «kjente»). In Ge'ez, a wrong vowel of the right consonant (ወልዲ for
  // ወለዲ) is half an error.
  var ROWS = ["qwertyuiopå", "asdfghjkløæ", "zxcvbnm"];
  var NEAR = {};
  ROWS.forEach(function (row, r) {
    row.split("").forEach(function (key, i) {
      var around = [row[i - 1], row[i + 1]];
      if (r > 0) { around.push(ROWS[r - 1][i], ROWS[r - 1][i + 1]); }
      if (r < 2) { around.push(ROWS[r + 1][i - 1], ROWS[r + 1][i]); }
      NEAR[key] = around.filter(Boolean).join("");
    });
  });
  var LATIN = /^[a-zà-ɏ]$/;
  function bare(letter) { return { "ø": "o", "æ": "a", "ł": "l", "ß": "s" }[letter] || letter.normalize("NFD")[0]; }

  function substitution(x, y) {
    if (x === y) { return 0; }
    if (isGeez(x) && consonant(x) === consonant(y)) { return 0.5; }
    if (!LATIN.test(x) || !LATIN.test(y)) { return 1; }
    if (bare(x) === bare(y) || (NEAR[bare(x)] || "").indexOf(bare(y)) >= 0) { return 1; }
    return 1.5;
  }

  // Edit distance with swapped neighbours counted as one edit (optimal string alignment),
  // giving up as soon as it exceeds limit.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var before = null;
    var previous = [];
    var i, j;
    for (j = 0; j <= b.length; j++) { previous[j] = j; }
    for (i = 1; i <= a.length; i++) {
      var current = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = substitution(a[i - 1], b[j - 1]);
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        if (value < smallest) { smallest = value; }
      }
      if (smallest > limit) { return limit + 1; }
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  // one error; two in a long word; in a Ge'ez word of three syllables only a wrong vowel
  function allowedEdits(word) { return isGeez(word) ? (word.length >= 4 ? 1 : 0.5) : word.length >= 8 ? 2 : 1; }

  // How far a typed word is from a vocabulary word: the whole word, or (a little worse)
  // its start, since the typed word may be the start of an inflected form.
  function closeness(typed, word, limit) {
    var whole = distance(typed, word, limit);
    if (word.length <= typed.length) { return whole; }
    var start = limit + 1;
    for (var cut = typed.length - 1; cut <= typed.length + 1; cut++) {
      if (cut > 0 && cut < word.length) { start = Math.min(start, distance(typed, word.slice(0, cut), limit)); }
    }
    return Math.min(whole, start + 0.5);
  }

  // The key word (a word the site names a topic with) closest to a typed word, the most
  // common one among equals.
  function correction(typed, vocab) {
    if (typed.length < (isGeez(typed) ? 3 : 4) || /\d/.test(typed)) { return null; }
    var limit = allowedEdits(typed);
    var best = null;
    var bestCost = limit + 1;
    for (var rank = 0; rank < vocab.keys.length; rank++) {
      var word = vocab.keys[rank];
      if (word.length < typed.length - limit) { continue; }
      var cost = closeness(typed, word, limit);
      if (cost < bestCost) { best = word; bestCost = cost; }
    }
    return bestCost <= limit ? best : null;
  }

  // Words to offer when nothing is found: the closest vocabulary words to any typed word.
  function nearWords(typed, vocab) {
    var found = [];
    typed.forEach(function (word) {
      if (word.length < 3) { return; }
      for (var rank = 0; rank < vocab.keys.length; rank++) {
        var candidate = vocab.keys[rank];
        if (candidate === word) { continue; }
        var cost = closeness(word, candidate, 3);
        if (cost <= 3) { found.push({ word: candidate, cost: cost, rank: rank }); }
      }
    });
    found.sort(function (a, b) { return a.cost - b.cost || a.rank - b.rank; });
    return unique(found.map(function (f) { return f.word; })).slice(0, 5);
  }

  // ---- ranking -------------------------------------------------------------------------------
  // languages Pagefind cannot stem (Arabic lists only prefixes: for known(), Pagefind stems it)
  function hasStemming(rules) { return rules.endings.length || rules.syllables; }

  // Pagefind results for one word (and its stem), best score per page.
  function searchWord(module, word, vocab, options) {
    var forms = [word];
    if (options.stem !== false && hasStemming(vocab)) {
      var stemmed = stem(word, vocab);
      if (stemmed && stemmed !== word) { forms.push(stemmed); }
    }
    if (options.stem !== false) { forms = unique(forms.concat(verbForms(word, vocab))); }
    return Promise.all(forms.map(function (form) { return module.search(form); })).then(function (found) {
      var byPage = {};
      var order = [];
      found.forEach(function (one) {
        one.results.forEach(function (r) {
          if (!byPage[r.id]) { order.push(r.id); byPage[r.id] = r; } else if (r.score > byPage[r.id].score) { byPage[r.id] = r; }
        });
      });
      return order.map(function (id) { return byPage[id]; });
    });
  }

  // An Arabic verb's forms (data/search_stopwords.yml 'verbs'): the imperfect is a person
  // prefix + the stem (+ a person ending: يطلب، تطلبون، أطلب), the imperative alef + the stem
  // (اطلبوا); Pagefind's stemmer does not join them to the stem (طلب) or to each other. The
  // relaxed search asks for the word's stem and the stem with each prefix, each as a word
  // start. A word with the article or taa marbuta (المدرسة، مترجمة) is a noun: none.
  function verbCore(word, rules) {
    var verbs = rules.verbs;
    if (!verbs || !verbs.prefixes || !/[\u0600-\u06ff]/.test(word[0])) { return null; }
    if (verbs.noun_starts.some(function (s) { return word.indexOf(s) === 0; }) ||
        verbs.noun_ends.some(function (e) { return word.slice(-e.length) === e; })) { return null; }
    var core = word;
    if (verbs.prefixes.indexOf(core[0]) >= 0 && core.length >= 3) { core = core.slice(1); }
    verbs.endings.forEach(function (end) {
      if (core.length - end.length >= 3 && core.slice(-end.length) === end) { core = core.slice(0, -end.length); }
    });
    return core;
  }

  function sameVerb(a, b, rules) {
    var core = verbCore(a, rules);
    return core !== null && core === verbCore(b, rules);
  }

  function verbForms(word, rules) {
    var core = verbCore(word, rules);
    if (!core) { return []; }
    return [core].concat(rules.verbs.prefixes.concat(rules.verbs.imperative).map(function (p) { return p + core; }));
  }

  // A typed word the site knows: one of its words, the start of one (still typing, or a
  // stem), or one of its words with a short ending added (an inflection Pagefind stems).
  function known(word, vocab) {
    if (vocab.known[word] || vocab.noWords || /\d/.test(word)) { return true; }
    if (wordParts(word, vocab).some(function (part) { return vocab.missing[part]; })) { return true; }
    if (startsOrExtends(word, vocab.words)) { return true; }
    // its stem starts a stem of the site's words (without attached prepositions: المنفصلين;
    // without endings; in Tigrinya, the consonants): that is how it is searched
    if (!vocab.prefixes.length && !hasStemming(vocab)) { return false; }
    var own = stem(word, vocab);
    return own.length >= 2 && stems(vocab).some(function (w) { return w.indexOf(own) === 0; });
  }

  function startsOrExtends(word, list) {
    for (var i = 0; i < list.length; i++) {
      var w = list[i];
      if (w.indexOf(word) === 0) { return true; }
      if (w.length >= 4 && w.length >= word.length - 3 && word.indexOf(w) === 0) { return true; }
    }
    return false;
  }

  function stems(vocab) {
    if (!vocab.stems) { vocab.stems = vocab.words.map(function (w) { return stem(w, vocab); }); }
    return vocab.stems;
  }

  // A compound the site does not use, in a language that writes them as one word without
  // changing its parts (nb: «facebookgruppa»): split where both parts are the site's words
  // (the first one also without a linking s or e: «foreldremøte» + «s»), the longest last
  // part first; else where the first part is the start of the site's words (a stem the site
  // uses only inflected: «sommer» in «sommeren») and the last one the site's; searched as its
  // parts. Null when no split is found.
  function splittable(word, vocab) {
    return word.length >= 8 && LATIN.test(word[0]) && !vocab.prefixes.length && !hasStemming(vocab);
  }

  function compound(word, vocab) {
    if (!splittable(word, vocab)) { return null; }
    for (var i = 3; i <= word.length - 4; i++) {
      var first = word.slice(0, i);
      var last = word.slice(i);
      var joined = vocab.known[first] ? first : /[se]$/.test(first) && vocab.known[first.slice(0, -1)] ? first.slice(0, -1) : null;
      if (joined && joined.length >= 3 && !vocab.stop[joined] && known(last, vocab)) { return [joined, last]; }
    }
    // the first part as the start of the site's words (a stem: «sommer» in «sommeren»)
    for (var j = 4; j <= word.length - 4; j++) {
      var start = word.slice(0, j);
      if (!vocab.stop[start] && startsWith(start, vocab.words) && known(word.slice(j), vocab)) { return [start, word.slice(j)]; }
    }
    return null;
  }

  // Who is asking, when the query says so («sønnen min»: a parent): an audience value, or null.
  function voice(query, vocab) {
    var said = " " + tokens(query).join(" ") + " ";
    var found = null;
    Object.keys(vocab.voices || {}).forEach(function (audience) {
      vocab.voices[audience].forEach(function (phrase) {
        if (said.indexOf(" " + tokens(phrase).join(" ") + " ") >= 0) { found = audience; }
      });
    });
    return found;
  }

  function rank(query, options) {
    options = options || {};
    return Promise.all([load(), words()]).then(function (loaded) {
      var vocab = loaded[1];
      return siteWords(tokens(query), vocab).then(function () {
        var unknown = tokens(query).filter(function (word) { return !vocab.stop[word] && !known(word, vocab); });
        if (!unknown.length) { return null; }
        return keyWords(vocab).then(function () {
          // a compound the site does not use and that is no typing error: the parts of the
          // site's words that may end it
          var long = unknown.filter(function (word) { return splittable(word, vocab) && !correction(word, vocab); });
          return siteWords(long.map(function (word) { return word.slice(3); }).concat.apply([], long.map(function (word) {
            var starts = [];
            for (var i = 3; i <= word.length - 4; i++) { starts.push(word.slice(i)); }
            return starts;
          })), vocab);
        });
      }).then(function () { return loaded; });
    }).then(function (loaded) {
      var module = loaded[0];
      var vocab = loaded[1];
      var asking = voice(query, vocab);
      var boostFor = options.boost !== undefined ? options.boost : asking ? [asking] : here;
      var typed = unique(tokens(query));
      var topic = typed.filter(function (word) { return !vocab.stop[word]; });
      if (!topic.length) { topic = typed; }
      // 0. typing errors: an unknown word becomes the closest word of the site
      var corrections = [];
      var verbs = {};
      if (options.correct !== false) {
        topic = topic.map(function (word) {
          if (known(word, vocab)) { return word; }
          var fixed = correction(word, vocab);
          // another person of the same verb (أحتاج, the site's يحتاج) is a real word, no typing
          // error: searched as it is, with its verb's forms
          if (fixed && sameVerb(word, fixed, vocab)) { verbs[word] = true; return word; }
          if (fixed) { corrections.push({ from: word, to: fixed }); return fixed; }
          var parts = compound(word, vocab);
          if (parts) { corrections.push({ from: word, to: parts.join(" ") }); return parts; }
          return word;
        });
        topic = unique([].concat.apply([], topic));
      }
      var asked = corrections.length ? corrected(query, corrections) : query;
      return module.search(strictForm(asked, vocab)).then(function (found) {
        var who = audienceOf(vocab);
        var allowed = function (id) { return !options.audience || (who.byPage[id] || []).indexOf(options.audience) >= 0; };
        var boost = function (id) {
          var theirs = who.byPage[id] || [];
          return boostFor.some(function (a) { return theirs.indexOf(a) >= 0; }) ? (asking ? VOICE_BOOST : AUDIENCE_BOOST) : 1;
        };
        var ranking = { vocab: vocab, query: query, stage: "strict", corrected: corrections.length ? asked : null, corrections: corrections,
                        partial: false, nearWords: [], words: [], audiences: who.values, audienceOf: who.byPage, results: [] };
        var strictOrder = {};
        var strict = found.results.filter(function (r) { return allowed(r.id); }).map(function (r, index) {
          strictOrder[r.id] = index;
          return { id: r.id, score: r.score * boost(r.id), order: index, data: r.data, audience: who.byPage[r.id] || [] };
        });
        strict.sort(byScore);
        ranking.results = strict;
        if (!typed.length || options.relax === false) { return ranking; }
        // a question (beginning with a filler word: «hva gjør jeg etter …», «trenger tolk»,
        // «أحتاج مترجم»; or three words or more, a third of them filler words): Pagefind would
        // weigh its fillers like its topic, and ask every page to hold them
        var fillers = typed.filter(function (word) { return vocab.stop[word]; }).length;
        var question = typed.length >= 2 && vocab.stop[typed[0]] || typed.length >= 3 && fillers * 3 >= typed.length;
        if (strict.length >= ENOUGH && !question) { return ranking; }

        // 2. relaxed: the topic words one by one
        ranking.stage = "relaxed";
        // a word the site never uses finds only chance matches (parts of it): it counts only
        // when no word of the query is known
        var usable = topic.filter(function (word) { return known(word, vocab) || verbs[word]; });
        if (usable.length) { topic = usable; }
        return Promise.all(topic.map(function (word) {
          return searchWord(module, word, vocab, options).then(function (results) { return { word: word, results: results }; });
        })).then(function (perWord) {
          var pages = vocab.pages || 1;
          var found = perWord.filter(function (w) { return w.results.length; });
          var byId = {};
          var total = 0;
          found.forEach(function (w) {
            var weight = Math.log(1 + Math.max(pages, w.results.length) / w.results.length);
            var best = Math.max.apply(null, w.results.map(function (r) { return r.score; })) || 1;
            total += weight;
            w.results.forEach(function (r) {
              if (!allowed(r.id)) { return; }
              var page = byId[r.id] || (byId[r.id] = { id: r.id, sum: 0, held: 0, weight: 0, data: r.data });
              page.sum += weight * r.score / best;
              page.weight += weight;
              page.held += 1;
            });
          });
          ranking.words = perWord.map(function (w) { return { word: w.word, pages: w.results.length }; });
          // strict results first among equals, then the page's id: the same query, the same order
          var rest = Object.keys(byId).length;
          var listings = {};
          (vocab.listings || []).forEach(function (id) { listings[id] = true; });
          ranking.results = Object.keys(byId).sort().map(function (id, index) {
            var page = byId[id];
            var weight = listings[id] ? LISTING_WEIGHT : 1;
            return { id: id, score: page.sum * (page.weight / total) * boost(id) * weight, held: page.held, data: page.data,
                     audience: who.byPage[id] || [],
                     order: strictOrder[id] !== undefined ? strictOrder[id] : rest + index };
          });
          ranking.results.sort(byScore);
          ranking.partial = found.length > 1 && ranking.results.length > 0 && ranking.results[0].held < found.length;
          if (ranking.results.length) { return ranking; }
          return keyWords(vocab).then(function () {
            ranking.nearWords = nearWords(typed, vocab);
            return ranking;
          });
        });
      });
    });
  }

  function byScore(a, b) { return b.score - a.score || a.order - b.order; }

  // What the strict search asks Pagefind for. Pagefind leaves out a word it does not find at
  // all, so in a language it cannot stem a word known to the site only through its stem
  // (ንባርነቨርን: the site has ባርነቨርን) would drop out of the strict search and leave it to the
  // other words; it is asked for as its stem instead, as the relaxed search asks for it.
  function strictForm(query, vocab) {
    if (!hasStemming(vocab)) { return query; }
    return tokens(query).map(function (word) {
      if (vocab.stop[word] || vocab.known[word] || startsWith(word, vocab.words) || !known(word, vocab)) { return word; }
      return stem(word, vocab) || word;
    }).join(" ");
  }

  function startsWith(word, list) {
    for (var i = 0; i < list.length; i++) { if (list[i].indexOf(word) === 0) { return true; } }
    return false;
  }

  // The query as typed, with each corrected word replaced.
  function corrected(query, corrections) {
    var out = tokens(query);
    corrections.forEach(function (c) {
      out = out.map(function (word) { return word === c.from ? c.to : word; });
    });
    return out.join(" ");
  }

  // ---- the interface ---------------------------------------------------------------------
  var latest = 0;
  var pending = [];
  var chosenAudience = null;
  var announceTimer = null;
  var active = -1;
  var quiet = false; // focus returned to the field by Escape: do not reopen

  function text(key, count) {
    var value = dialog.getAttribute("data-" + key) || "";
    return value.replace("#", String(count));
  }

  function isOpen() { return !toggle || toggle.checked; }

  function open() {
    if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    expanded();
    load();
    words();
  }

  function close() {
    if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    setActive(-1);
    expanded();
  }

  function expanded() {
    input.setAttribute("aria-expanded", String(isOpen() && options().length > 0));
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.innerHTML = content; }
    return node;
  }

  function escape(value) {
    var node = document.createElement("span");
    node.textContent = value;
    return node.innerHTML;
  }

  var optionCount = 0;

  function option(url, name, heading, level, excerpt) {
    var link = element("a", "md-search-result__link");
    link.href = url;
    link.id = "hb-search-option-" + (++optionCount);
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    link.setAttribute("aria-label", name); // the article inside has no name of its own
    link.tabIndex = -1;
    var body = element("article", "md-search-result__article md-typeset");
    if (level === 1) { body.appendChild(element("div", "md-search-result__icon md-icon")); }
    body.appendChild(element(level === 1 ? "h1" : "h2", null, heading));
    if (excerpt) { body.appendChild(element("p", null, excerpt)); }
    link.appendChild(body);
    link.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep focus in the field
    return link;
  }

  function audienceNames(values) {
    return settings.audience_order.filter(function (value) { return (values || []).indexOf(value) >= 0; })
      .map(function (value) { return settings.audiences[value]; });
  }

  // Excerpts from what the reader sees: the page's hidden search words (checklist items,
  // stems, vocabulary: after the element #hb-search-extra, see main.html) are indexed,
  // but never shown. Same method as Pagefind's own: the densest EXCERPT_WORDS words.
  var EXCERPT_WORDS = 30;

  function excerpt(data, from, to, found) {
    var words = (data.raw_content || "").split(/[\r\n\s]+/g);
    to = Math.min(to, words.length);
    var inside = found.filter(function (w) { return w.location >= from && w.location < to; });
    var start = from;
    var best = -1;
    inside.forEach(function (w) {
      var sum = 0;
      inside.forEach(function (v) { if (v.location >= w.location && v.location < w.location + EXCERPT_WORDS) { sum += v.balanced_score || 1; } });
      if (sum > best) { best = sum; start = w.location - Math.floor(EXCERPT_WORDS / 4); }
    });
    start = Math.max(from, Math.min(start, to - EXCERPT_WORDS));
    var marked = {};
    inside.forEach(function (w) { marked[w.location] = true; });
    return words.slice(start, Math.min(start + EXCERPT_WORDS, to)).map(function (word, i) {
      return marked[start + i] ? "<mark>" + word + "</mark>" : word;
    }).join(" ");
  }

  function visible(result) {
    var extra = (result.anchors || []).filter(function (a) { return a.id === "hb-search-extra"; })[0];
    if (!extra) { return result; }
    var cut = extra.location;
    var shown = function (w) { return w.location < cut; };
    var starts = (result.anchors || []).filter(function (a) { return /h\d/i.test(a.element); })
      .map(function (a) { return a.location; }).concat([cut]).sort(function (a, b) { return a - b; });
    var subs = (result.sub_results || []).filter(function (sub) { return (sub.weighted_locations || []).some(shown); });
    return {
      url: result.url, meta: result.meta,
      excerpt: excerpt(result, 0, cut, (result.weighted_locations || []).filter(shown)),
      sub_results: subs.map(function (sub) {
        var from = sub.anchor ? sub.anchor.location : 0;
        var to = starts.filter(function (at) { return at > from; })[0] || cut;
        return { url: sub.url, title: sub.title, excerpt: excerpt(result, from, to, sub.weighted_locations.filter(shown)) };
      })
    };
  }

  // A result before its excerpt has arrived: its title and address from the vocabulary file.
  function renderTitle(found, vocab) {
    var known = (vocab.titles || {})[found.id];
    var url = new URL(known[0].replace(/^\//, ""), root).pathname;
    renderResult({ url: url, meta: { title: known[1] }, audience: found.audience }, true);
  }

  function renderResult(found, bare) {
    var result = bare ? found : visible(found);
    var item = element("li", "md-search-result__item");
    item.setAttribute("role", "none");
    var title = (result.meta && result.meta.title) || result.url;
    var page = option(result.url, title, escape(title), 1, result.excerpt);
    var whom = audienceNames(found.audience);
    if (whom.length) {
      var tag = element("p", "hb-search-audience", escape(texts.search_for + ": " + whom.join(", ")));
      page.querySelector("article").appendChild(tag);
    }
    item.appendChild(page);
    // the section under the page's own heading repeats the page's excerpt: show other sections only
    (result.sub_results || []).filter(function (sub) { return sub.url !== result.url && sub.title !== title; }).slice(0, 3).forEach(function (sub) {
      item.appendChild(option(sub.url, title + " – " + sub.title, escape(sub.title), 2, sub.excerpt));
    });
    list.appendChild(item);
  }

  function showMore(ticket, append) {
    var batch = pending.splice(0, append ? PAGE_SIZE : FIRST_PAGE);
    return Promise.all(batch.map(function (r) {
      return r.data().then(function (d) { d.audience = r.audience; return d; });
    })).then(function (data) {
      if (ticket !== latest) { return; }
      if (!append) { list.innerHTML = ""; after.innerHTML = ""; setActive(-1); } // replace the previous results only now: no flicker
      var old = after.querySelector(".hb-search-more");
      if (old) { old.remove(); }
      data.forEach(function (d) { renderResult(d, false); });
      expanded();
      if (pending.length) {
        var more = element("p", "hb-search-more");
        var button = element("button", "md-button", escape(texts.search_more));
        button.type = "button";
        button.addEventListener("click", function () {
          var next = options().length;
          showMore(ticket, true).then(function () {
            setActive(next);
            input.focus();
          });
        });
        more.appendChild(button);
        after.appendChild(more);
      }
    });
  }

  function countText(count) { return count === 0 ? text("none") : count === 1 ? text("one") : text("other", count); }

  function announce(message) {
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }, ANNOUNCE_MS);
  }

  function searchFor(value) {
    input.value = value;
    search(value);
    input.focus();
  }

  function wordButton(word) {
    var button = element("button", "hb-search-word", escape(word));
    button.type = "button";
    button.addEventListener("click", function () { searchFor(word); });
    return button;
  }

  function renderNotes(ranking) {
    notes.innerHTML = "";
    if (ranking.audiences.length > 1 && (ranking.results.length || chosenAudience)) {
      var group = element("div", "hb-search-filter");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", texts.search_audience);
      group.appendChild(element("span", "hb-search-filter__label", escape(texts.search_audience + ":")));
      var present = settings.audience_order.filter(function (v) { return ranking.audiences.indexOf(v) >= 0; });
      [null].concat(present).forEach(function (value) {
        var button = element("button", "hb-search-filter__choice",
                             escape(value ? settings.audiences[value] : texts.search_audience_all));
        button.type = "button";
        button.setAttribute("aria-pressed", String(chosenAudience === value));
        button.addEventListener("click", function () {
          chosenAudience = value;
          search(input.value);
        });
        group.appendChild(button);
      });
      notes.appendChild(group);
    }
    if (ranking.corrected) {
      var offer = element("p", "hb-search-did-you-mean");
      var parts = texts.search_did_you_mean.split("{query}");
      offer.appendChild(document.createTextNode(parts[0]));
      offer.appendChild(wordButton(ranking.corrected));
      offer.appendChild(document.createTextNode(parts[1] || ""));
      notes.appendChild(offer);
    }
    if (ranking.partial) { notes.appendChild(element("p", "hb-search-partial", escape(texts.search_partial))); }
    notes.hidden = !notes.children.length;
  }

  // Nothing found: the closest words, and pages to start from (those for the reader first).
  function renderSuggestions(ranking) {
    list.innerHTML = "";
    after.innerHTML = "";
    expanded();
    var box = element("div", "hb-search-suggestions");
    if (ranking.nearWords.length) {
      box.appendChild(element("p", null, escape(texts.search_try_words)));
      var line = element("p", "hb-search-suggestions__words");
      ranking.nearWords.forEach(function (word) { line.appendChild(wordButton(word)); line.appendChild(document.createTextNode(" ")); });
      box.appendChild(line);
    }
    var pages = settings.suggestions.slice().sort(function (a, b) {
      var mineA = a.audience.some(function (x) { return here.indexOf(x) >= 0; }) ? 0 : 1;
      var mineB = b.audience.some(function (x) { return here.indexOf(x) >= 0; }) ? 0 : 1;
      return mineA - mineB;
    });
    if (pages.length) {
      box.appendChild(element("p", null, escape(texts.search_try_pages)));
      var links = element("ul", "hb-search-suggestions__pages");
      pages.forEach(function (page) {
        var item = element("li");
        var link = element("a", null, escape(page.title));
        link.href = new URL(page.href, root).href;
        item.appendChild(link);
        links.appendChild(item);
      });
      box.appendChild(links);
    }
    after.appendChild(box);
  }

  function search(query) {
    var ticket = ++latest;
    window.clearTimeout(announceTimer);
    if (!query.trim()) {
      list.innerHTML = "";
      after.innerHTML = "";
      notes.innerHTML = "";
      notes.hidden = true;
      meta.textContent = text("placeholder");
      setActive(-1);
      expanded();
      return Promise.resolve();
    }
    return rank(query, { audience: chosenAudience }).then(function (ranking) {
      return show(ticket, ranking);
    }, function () {
      if (ticket !== latest) { return; }
      // The index could not be loaded (offline, blocked): say so; the next keystroke tries again.
      pagefind = null;
      list.innerHTML = "";
      after.innerHTML = "";
      notes.innerHTML = "";
      notes.hidden = true;
      meta.textContent = texts.search_failed;
      status.textContent = texts.search_failed;
      setActive(-1);
      expanded();
      done(ticket, "failed");
    }).catch(function () {
      if (ticket === latest) { done(ticket, "error"); } // never leave the field waiting
    });
  }

  function show(ticket, ranking) {
    if (ticket !== latest) { return; } // a newer query has been typed since
    var count = ranking.results.length;
    meta.textContent = countText(count);
    renderNotes(ranking);
    announce(countText(count) + (ranking.corrected ? ". " + texts.search_did_you_mean.replace("{query}", ranking.corrected) : ""));
    pending = ranking.results.slice();
    if (count === 0) {
      renderSuggestions(ranking);
      done(ticket, "0");
      return;
    }
    // The first results' titles at once (they come with the vocabulary file); their excerpts
    // cost a download each: fetched once the reader pauses, not for every letter typed.
    var vocab = ranking.vocab || {};
    var first = pending.slice(0, FIRST_PAGE);
    if (first.every(function (r) { return (vocab.titles || {})[r.id]; })) {
      list.innerHTML = "";
      after.innerHTML = "";
      setActive(-1);
      first.forEach(function (r) { renderTitle(r, vocab); });
      expanded();
    }
    return new Promise(function (resolve) { window.setTimeout(resolve, SETTLE_MS); }).then(function () {
      if (ticket !== latest) { return; }
      return showMore(ticket).then(function () {
        if (ticket === latest) { done(ticket, String(count)); }
      });
    });
  }

  // The last search has rendered: its result count (or "failed"), and a running number, so
  // that tests and the benchmark can wait for it.
  function done(ticket, outcome) {
    dialog.setAttribute("data-hb-results", outcome);
    dialog.setAttribute("data-hb-done", String(ticket));
  }

  function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

  function setActive(index) {
    var all = options();
    all.forEach(function (link) {
      link.setAttribute("aria-selected", "false");
      link.classList.remove("hb-search-result--active");
    });
    active = index >= 0 && index < all.length ? index : -1;
    if (active < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    var chosen = all[active];
    chosen.setAttribute("aria-selected", "true");
    chosen.classList.add("hb-search-result--active");
    input.setAttribute("aria-activedescendant", chosen.id);
    chosen.scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("focus", function () {
    if (quiet) { quiet = false; return; }
    open();
  });
  input.addEventListener("input", function () {
    open();
    search(input.value);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var all = options();
    var target = all[active] || all[0];
    if (target) { window.location.href = target.href; }
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { search(""); input.focus(); }, 0);
  });

  // ---- what the closed search hides takes no focus ------------------------------------------
  var PHONE = window.matchMedia("(max-width: 59.984em)"); // Material hides the field behind an icon
  var output = dialog.querySelector(".md-search__output");
  var resetBox = dialog.querySelector(".md-search__options");

  function setInert(element, value) {
    if (!element) { return; }
    element.inert = value;
    if (value) { element.setAttribute("inert", ""); } else { element.removeAttribute("inert"); }
  }

  function hideClosed() {
    var closed = !isOpen();
    setInert(output, closed);
    setInert(resetBox, closed);
    if (closed && PHONE.matches) { input.setAttribute("tabindex", "-1"); } else { input.removeAttribute("tabindex"); }
  }

  function searchIcon() { return document.querySelector('.md-header label[for="__search"] > .hb-button'); }

  if (toggle) {
    // every way the search opens or closes (open(), close(), Material's labels) fires "change"
    toggle.addEventListener("change", function () {
      var inside = dialog.contains(document.activeElement);
      hideClosed();
      if (!toggle.checked && inside && PHONE.matches && searchIcon()) { searchIcon().focus(); }
    });
  }
  if (PHONE.addEventListener) { PHONE.addEventListener("change", hideClosed); } else { PHONE.addListener(hideClosed); }
  window.addEventListener("pageshow", hideClosed);
  hideClosed();

  // Tabbing (or clicking) out of the search closes it, as in Material.
  dialog.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !dialog.contains(event.relatedTarget)) { close(); }
  });

  // On a phone the field is hidden behind the search icon: tapping it opens the search
  // and focuses the field in the same tap, so the keyboard comes up.
  Array.prototype.forEach.call(document.querySelectorAll('.md-header label[for="__search"]'), function (icon) {
    if (dialog.contains(icon)) { return; }
    icon.addEventListener("click", function (event) {
      event.preventDefault();
      open();
      input.focus();
    });
  });

  document.addEventListener("keydown", function (event) {
    var inField = event.target === input;
    var inSearch = dialog.contains(event.target);
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
        (event.key === "/" || event.key === "s" || event.key === "S")) {
      event.preventDefault();
      input.focus();
      return;
    }
    if (!inSearch) { return; }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      // on a phone the closed field is hidden: focus went to the search icon (above)
      if (document.activeElement !== input && !(PHONE.matches && searchIcon())) { quiet = true; input.focus(); }
      return;
    }
    if (!inField) { return; }
    var count = options().length;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      if (!isOpen()) { open(); }
      setActive(Math.min(active + 1, count - 1));
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      setActive(active - 1);
    }
  });

  // For the tests and the benchmark: the same ranking the field uses.
  window.hbSearch = { rank: rank, stem: stem, correction: correction, tokens: tokens, words: words, load: load };
})();
