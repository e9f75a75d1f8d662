// zanbook search client: dependency-free, no build step; ES2017 plus Unicode property escapes
// in regular expressions (\p{…}, ES2018), so letters are classified as Rust classifies them.
//
// A port of the query side of the Rust search engine (src/search/): normalisation
// (normalize.rs), the Kazakh stemmer and Snowball Russian (stem.rs, rust-stemmers), the
// thesaurus (synonyms.rs), query planning and integer ranking (engine.rs). Both sides must
// rank identically; tests/search_parity.rs runs this file under node against the Rust
// engine over the same index files. Change one side, change the other.
//
// The index (site/search/) is a set of JS files that register their data with the global
// `zanbookSearch` (format: docs/search-index.md; writer: src/search/shards.rs), loaded with
// <script src> because fetch() of file:// is blocked; shards are loaded on demand.
(function (root) {
  "use strict";

  // ---------------------------------------------------------------- character classes
  // Rust's char predicates, by Unicode property, so both sides classify alike.
  var RE_ALPHA = /^\p{Alphabetic}$/u;
  var RE_ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  var RE_UPPER = /^\p{Uppercase}$/u;
  var RE_LOWER = /^\p{Lowercase}$/u;
  var RE_SPACE = /^\p{White_Space}$/u;

  function isAlphabetic(c) { return RE_ALPHA.test(c); }
  function isAlphanumeric(c) { return RE_ALNUM.test(c); }
  function isUppercase(c) { return RE_UPPER.test(c); }
  function isLowercase(c) { return RE_LOWER.test(c); }
  function isWhitespace(c) { return RE_SPACE.test(c); }
  function isAsciiDigit(c) { return c >= "0" && c <= "9" && c.length === 1; }
  function isAsciiPunctuation(c) {
    return c.length === 1 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
  }
  function chars(s) { return Array.from(s); }
  function all(list, pred) { for (var i = 0; i < list.length; i++) { if (!pred(list[i])) { return false; } } return true; }
  function any(list, pred) { for (var i = 0; i < list.length; i++) { if (pred(list[i])) { return true; } } return false; }
  function startsWith(s, p) { return s.slice(0, p.length) === p; }
  function endsWith(s, p) { return s.length >= p.length && s.slice(s.length - p.length) === p; }
  // Byte-order comparison of strings, as Rust's `str::cmp` (UTF-8 order = code point order).
  function cmpStr(a, b) {
    if (a === b) { return 0; }
    var ca = chars(a), cb = chars(b), n = Math.min(ca.length, cb.length);
    for (var i = 0; i < n; i++) {
      if (ca[i] !== cb[i]) { return ca[i].codePointAt(0) < cb[i].codePointAt(0) ? -1 : 1; }
    }
    return ca.length - cb.length < 0 ? -1 : (ca.length === cb.length ? 0 : 1);
  }

  // ---------------------------------------------------------------- normalize.rs
  var CYRILLIC_TWIN = {
    a: "а", c: "с", e: "е", h: "һ", i: "і", o: "о", p: "р", x: "х", y: "у",
    A: "А", B: "В", C: "С", E: "Е", H: "Н", I: "І", K: "К", M: "М", O: "О", P: "Р", T: "Т", X: "Х"
  };
  function isCyrillic(c) { var n = c.codePointAt(0); return n >= 0x0400 && n <= 0x052F; }
  function isAsciiAlphabetic(c) { return c.length === 1 && /[A-Za-z]/.test(c); }

  // Latin look-alikes inside otherwise Cyrillic words (normalize/text.rs fold_latin_lookalikes).
  function foldLatinLookalikes(text) {
    var out = "", run = [], runIsWord = null;
    function flush() {
      if (!run.length) { return; }
      var latin = run.filter(isAsciiAlphabetic);
      var fold = runIsWord && any(run, isCyrillic) && latin.length > 0 &&
        all(latin, function (c) { return Object.prototype.hasOwnProperty.call(CYRILLIC_TWIN, c); });
      out += fold ? run.map(function (c) { return CYRILLIC_TWIN[c] || c; }).join("") : run.join("");
      run = [];
    }
    chars(text).forEach(function (c) {
      var letter = isAlphabetic(c);
      if (runIsWord !== null && runIsWord !== letter) { flush(); }
      runIsWord = letter;
      run.push(c);
    });
    flush();
    return out;
  }

  var FOLD_CHAR = {
    "ə": "ә", "Ə": "Ә", "ɵ": "ө", "ѳ": "ө", "Ɵ": "Ө", "Ѳ": "Ө", "ҡ": "қ", "ӄ": "қ", "Ҡ": "Қ", "Ӄ": "Қ",
    "ҥ": "ң", "ӊ": "ң", "ӈ": "ң", "Ҥ": "Ң", "Ӊ": "Ң", "Ӈ": "Ң", "ё": "е", "Ё": "Е"
  };
  var DROPPED = "\u00AD\u200B\u200C\u200D\u2060\uFEFF\u0300\u0301\u0308";

  function foldText(text) {
    var out = [];
    chars(foldLatinLookalikes(text)).forEach(function (c) {
      if (c === "\u0306") {
        var prev = out.pop();
        if (prev === "и") { out.push("й"); } else if (prev === "И") { out.push("Й"); } else if (prev !== undefined) { out.push(prev); }
        return;
      }
      if (DROPPED.indexOf(c) >= 0) { return; }
      out.push(FOLD_CHAR[c] || c);
    });
    return out.join("");
  }

  var KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
  function isKazakhLetter(c) { return KAZAKH_LETTERS.indexOf(c) >= 0; }
  function hasKazakhLetter(word) { return any(chars(word), isKazakhLetter); }

  var KEYBOARD = { "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и" };
  function keyboardFold(word) { return chars(word).map(function (c) { return KEYBOARD[c] || c; }).join(""); }
  // engine.rs keyboard_letters: the letters keyboardFold turns into c, in code point order.
  function keyboardLetters(c) {
    var out = [c];
    Object.keys(KEYBOARD).forEach(function (k) { if (KEYBOARD[k] === c && out.indexOf(k) < 0) { out.push(k); } });
    return out.sort(cmpStr);
  }

  function foldU(text) {
    return chars(text).map(function (c) {
      return c === "ү" || c === "ұ" ? "у" : (c === "Ү" || c === "Ұ" ? "У" : c);
    }).join("");
  }

  function isHyphen(c) { return "-\u2010\u2011\u2012\u2013".indexOf(c) >= 0 && c.length === 1; }
  function isNumber(part) {
    return part.length > 0 && isAsciiDigit(part[0]) && all(chars(part), function (c) { return isAsciiDigit(c) || c === "."; });
  }
  function isRoman(part) { return part.length > 0 && /^[IVXLCDM]+$/.test(part); }
  var NORM_VOWELS = "аәеёиоөуұүыіэюя";
  function isNormVowel(c) { var l = c.toLowerCase(); return NORM_VOWELS.indexOf(chars(l)[0] || c) >= 0; }
  function isAllCaps(part) { var cs = chars(part); return all(cs, isUppercase) && cs.length >= 2; }
  function isAbbreviation(part, hasSuffix) {
    var cs = chars(part);
    if (!isAllCaps(part) || !all(cs, isAlphabetic)) { return false; }
    var vowels = cs.filter(isNormVowel).length;
    if (hasSuffix) { return cs.length <= 8; }
    return cs.length <= 3 || (cs.length <= 5 && vowels <= 1);
  }

  function chunks(text) {
    var cs = chars(text), out = [], current = "";
    for (var i = 0; i < cs.length; i++) {
      var c = cs[i], prev = i > 0 ? cs[i - 1] : null, next = i + 1 < cs.length ? cs[i + 1] : null;
      var joins = (isHyphen(c) && prev !== null && isAlphanumeric(prev) && next !== null && isAlphanumeric(next)) ||
        (c === "." && prev !== null && isAsciiDigit(prev) && next !== null && isAsciiDigit(next));
      if (isAlphanumeric(c)) {
        current += c;
      } else if (joins && current !== "") {
        current += c === "." ? "." : "-";
      } else if (current !== "") {
        out.push(current);
        current = "";
      }
    }
    if (current !== "") { out.push(current); }
    return out;
  }

  function pieces(chunk) {
    var parts = chunk.split("-").filter(function (p) { return p !== ""; });
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      if (isNumber(part)) {
        var number = part;
        while (i + 1 < parts.length && (isNumber(parts[i + 1]) || (isRoman(parts[i + 1]) && parts[i + 1].length <= 4))) {
          number += "-" + parts[i + 1].toLowerCase();
          i++;
        }
        out.push({ kind: "number", text: number });
      } else if (i === 0 && isAbbreviation(part, parts.length > 1)) {
        out.push({ kind: "abbreviation", text: part.toLowerCase() });
        while (i + 1 < parts.length && all(chars(parts[i + 1]), isLowercase)) { i++; }
      } else {
        out.push({ kind: "word", text: part.toLowerCase() });
      }
    }
    return out;
  }

  function kazakhUnit(w) {
    if (startsWith(w, "тармақш")) { return "subitem"; }
    if (startsWith(w, "бап") || startsWith(w, "баб")) { return "art"; }
    if (startsWith(w, "тармақ") || startsWith(w, "тармағ")) { return "item"; }
    if (startsWith(w, "бөлік") || startsWith(w, "бөліг")) { return "part"; }
    if (startsWith(w, "тарау")) { return "chapter"; }
    return null;
  }
  function russianUnit(w) {
    switch (w) {
      case "ст": return "art";
      case "п": case "пп": return "item";
      case "ч": return "part";
      case "гл": return "chapter";
    }
    if (startsWith(w, "стать") || startsWith(w, "статей")) { return "art"; }
    if (startsWith(w, "подпункт")) { return "subitem"; }
    if (startsWith(w, "пункт")) { return "item"; }
    if (startsWith(w, "част")) { return "part"; }
    if (startsWith(w, "глав")) { return "chapter"; }
    return null;
  }
  function legalToken(unit, act, number) { return act === null ? "§" + unit + ":" + number : "§" + unit + ":" + act + ":" + number; }

  function legalTokens(tokens) {
    var out = [];
    tokens.forEach(function (token, i) {
      if (token.kind !== "number" || token.text.indexOf(".") >= 0) { return; }
      var before = i > 0 ? tokens[i - 1] : null, after = i + 1 < tokens.length ? tokens[i + 1] : null;
      var unitAfter = after && after.kind === "word" ? kazakhUnit(after.text) : null;
      var unitBefore = before && before.kind === "word" ? russianUnit(before.text) : null;
      var actBefore = before && before.kind === "abbreviation" ? before.text : null;
      var actAfter = after && after.kind === "abbreviation" ? after.text : null;
      function push(unit, act) { out.push({ kind: "legal", text: legalToken(unit, act, token.text), position: token.position }); }
      if (unitAfter !== null) {
        push(unitAfter, null);
        if (actBefore !== null && unitAfter === "art") { push(unitAfter, actBefore); }
      } else if (unitBefore !== null) {
        push(unitBefore, null);
        if (actAfter !== null && unitBefore === "art") { push(unitBefore, actAfter); }
      } else {
        var year = after !== null && startsWith(after.text, "жыл");
        if (actBefore !== null && !year) { push("art", actBefore); }
      }
    });
    return out;
  }

  function tokenize(text) {
    var tokens = [], position = 0;
    chunks(foldText(text)).forEach(function (chunk) {
      pieces(chunk).forEach(function (p) {
        tokens.push({ kind: p.kind, text: p.text, position: position });
        position++;
      });
    });
    var legal = legalTokens(tokens);
    if (!legal.length) { return tokens; }
    var out = [], j = 0;
    tokens.forEach(function (t) {
      out.push(t);
      while (j < legal.length && legal[j].position === t.position) { out.push(legal[j]); j++; }
    });
    while (j < legal.length) { out.push(legal[j]); j++; }
    return out;
  }

  // ---------------------------------------------------------------- stem.rs (Kazakh)
  var MIN_STEM = 3;
  var SHORT_ROOTS = ["іс", "ел", "өз", "ой", "ер"];
  var PROTECTED = ["қаулы", "туралы", "арқылы", "бойынша", "басқа", "қарсы", "өзге", "жалпы", "сияқты", "тағы",
    "ішкі", "сыртқы", "жоғары", "төмен", "әрі", "және", "немесе", "үшін", "кейін", "дейін", "бұрын",
    "қазақстан", "өзбекстан", "қырғызстан", "түркменстан", "тәжікстан", "ауғанстан", "пәкістан", "тұлға",
    "орын", "кәсіпорын", "мәтін", "жақын", "шығын", "сайын", "буын", "тұрғын", "мүмкін", "бүгін", "күдікті",
    "қорытынды", "ерікті", "жарты", "саты", "жалақы", "пайда", "шілде", "нүкте", "кесте", "нұсқа", "үлгі",
    "белгі", "кедергі", "құрылғы", "қаржы", "сүргін", "егемен", "қысқа", "салдар"];
  var ELIDED = [["орн", "орын"], ["кәсіпорн", "кәсіпорын"], ["халқ", "халық"], ["ауз", "ауыз"], ["мұрн", "мұрын"],
    ["ерн", "ерін"], ["қарн", "қарын"], ["әрп", "әріп"], ["ерк", "ерік"], ["бөрк", "бөрік"], ["парқ", "парық"],
    ["құлқ", "құлық"], ["акті", "акт"], ["факті", "факт"], ["объекті", "объект"], ["субъекті", "субъект"],
    ["контракті", "контракт"], ["аспекті", "аспект"]];

  // What a suffix may follow: V vowel, R р/й/у, L л, N м/н/ң, Z з/ж, X voiceless, P 3rd-person ы/і.
  var SONORANT = "VRLNZ", VOWEL_OR_RYU = "VR", L_NASAL_ZH = "LNZ", RYU_L_ZH = "RLZ", VOWEL_NASAL = "VN",
    VOWEL_RYU_L_ZH = "VRLZ", NASAL_POSS3 = "NP", VOICELESS = "X", POSS3 = "P", VOWEL = "V", CONSONANT = "RLNZX",
    RYU_L_NASAL_ZH = "RLNZ", VOWEL_RYU_L_NASAL = "VRLNP", NASAL_ZH = "NZ";
  function sfx(text, harmony, after) { return { text: text, chars: chars(text), harmony: harmony, after: after }; }
  var B = "back", F = "front", A = "any";
  var CASE = [
    sfx("ндағы", B, POSS3), sfx("ндегі", F, POSS3), sfx("дағы", B, SONORANT), sfx("дегі", F, SONORANT),
    sfx("тағы", B, VOICELESS), sfx("тегі", F, VOICELESS),
    sfx("ғы", B, RYU_L_NASAL_ZH), sfx("гі", F, RYU_L_NASAL_ZH), sfx("қы", B, VOICELESS), sfx("кі", F, VOICELESS),
    sfx("менен", A, VOWEL_RYU_L_NASAL), sfx("бенен", A, NASAL_ZH), sfx("пенен", A, VOICELESS),
    sfx("мен", A, VOWEL_RYU_L_NASAL), sfx("бен", A, NASAL_ZH), sfx("пен", A, VOICELESS),
    sfx("ның", B, VOWEL_NASAL), sfx("нің", F, VOWEL_NASAL), sfx("дың", B, RYU_L_ZH), sfx("дің", F, RYU_L_ZH),
    sfx("тың", B, VOICELESS), sfx("тің", F, VOICELESS),
    sfx("нан", B, NASAL_POSS3), sfx("нен", F, NASAL_POSS3), sfx("дан", B, VOWEL_RYU_L_ZH), sfx("ден", F, VOWEL_RYU_L_ZH),
    sfx("тан", B, VOICELESS), sfx("тен", F, VOICELESS),
    sfx("нда", B, POSS3), sfx("нде", F, POSS3), sfx("да", B, SONORANT), sfx("де", F, SONORANT),
    sfx("та", B, VOICELESS), sfx("те", F, VOICELESS),
    sfx("ға", B, SONORANT), sfx("ге", F, SONORANT), sfx("қа", B, VOICELESS), sfx("ке", F, VOICELESS),
    sfx("на", B, POSS3), sfx("не", F, POSS3),
    sfx("ны", B, VOWEL), sfx("ні", F, VOWEL), sfx("ды", B, RYU_L_NASAL_ZH), sfx("ді", F, RYU_L_NASAL_ZH),
    sfx("ты", B, VOICELESS), sfx("ті", F, VOICELESS), sfx("н", A, POSS3)
  ];
  var POSSESSIVE = [
    sfx("ымыз", B, CONSONANT), sfx("іміз", F, CONSONANT), sfx("мыз", B, VOWEL), sfx("міз", F, VOWEL),
    sfx("ыңыз", B, CONSONANT), sfx("іңіз", F, CONSONANT), sfx("ңыз", B, VOWEL), sfx("ңіз", F, VOWEL),
    sfx("сы", B, VOWEL), sfx("сі", F, VOWEL), sfx("ы", B, CONSONANT), sfx("і", F, CONSONANT)
  ];
  var PLURAL = [
    sfx("лар", B, VOWEL_OR_RYU), sfx("лер", F, VOWEL_OR_RYU), sfx("дар", B, L_NASAL_ZH), sfx("дер", F, L_NASAL_ZH),
    sfx("тар", B, VOICELESS), sfx("тер", F, VOICELESS)
  ];

  function isBackVowel(c) { return "аоұыяюё".indexOf(c) >= 0; }
  function isFrontVowel(c) { return "әеөүіэи".indexOf(c) >= 0; }
  function isVowel(c) { return isBackVowel(c) || isFrontVowel(c); }
  function isFullVowelU(stem, i) { return !(i + 1 === stem.length) && !(i > 0 && isVowel(stem[i - 1])); }
  function stemHarmony(stem) {
    for (var i = stem.length - 1; i >= 0; i--) {
      var c = stem[i];
      if (isBackVowel(c) || (c === "у" && isFullVowelU(stem, i))) { return B; }
      if (isFrontVowel(c)) { return F; }
    }
    return null;
  }
  function endingClass(stem) {
    if (!stem.length) { return null; }
    var last = stem[stem.length - 1];
    if ("рйу".indexOf(last) >= 0) { return "R"; }
    if (last === "л") { return "L"; }
    if ("мнң".indexOf(last) >= 0) { return "N"; }
    if ("зж".indexOf(last) >= 0) { return "Z"; }
    if (isVowel(last)) { return "V"; }
    if (isAlphabetic(last)) { return "X"; }
    return null;
  }
  function allowedAfter(stem, after) {
    var cls = endingClass(stem);
    if (cls === null) { return false; }
    return any(chars(after), function (a) {
      if (a === "P") { var l = stem[stem.length - 1]; return (l === "ы" || l === "і") && stem.length >= 2; }
      return a === cls;
    });
  }
  function harmonyAgrees(stem, harmony) {
    var found = stemHarmony(stem);
    return harmony === A || found === null || found === harmony;
  }
  function longEnough(stem) {
    if (!any(stem, function (c) { return isVowel(c) || c === "у"; })) { return false; }
    if (stem.length >= MIN_STEM) { return true; }
    return SHORT_ROOTS.indexOf(stem.join("")) >= 0;
  }
  function isProtected(stem) { return PROTECTED.indexOf(stem.join("")) >= 0; }
  function ambiguousSplit(stem, suffix) {
    var last = stem[stem.length - 1];
    if (suffix.text === "сы" || suffix.text === "сі") {
      return (last === "ы" || last === "і") && stem.length >= 2 && stem[stem.length - 2] !== "ш" && !isProtected(stem);
    }
    if (suffix.text === "ы" || suffix.text === "і") { return stem.length >= 4 && last === "ш"; }
    return false;
  }
  // Strips the first acceptable suffix of one slot from `word` (an array of chars, in place).
  function stripSlot(word, slot) {
    for (var k = 0; k < slot.length; k++) {
      var s = slot[k], len = s.chars.length;
      if (word.length <= len || word.slice(word.length - len).join("") !== s.text) { continue; }
      var stem = word.slice(0, word.length - len);
      if (longEnough(stem) && harmonyAgrees(stem, s.harmony) && allowedAfter(stem, s.after) && !ambiguousSplit(stem, s)) {
        word.length = word.length - len;
        return s;
      }
    }
    return null;
  }
  function isRelative(s) { return any(["ғы", "гі", "қы", "кі"], function (r) { return endsWith(s.text, r); }); }
  function undoAlternation(stem) {
    if (stem.length) {
      var last = stem[stem.length - 1];
      stem[stem.length - 1] = last === "б" ? "п" : last === "г" ? "к" : last === "ғ" ? "қ" : last;
    }
    var text = stem.join("");
    for (var i = 0; i < ELIDED.length; i++) {
      if (ELIDED[i][0] === text) { return chars(ELIDED[i][1]); }
    }
    return stem;
  }

  function stemKazakh(word) {
    var cs = chars(word);
    if (cs.length < MIN_STEM || !all(cs, isAlphabetic) || isProtected(cs)) { return word; }
    var beforeCase = cs.slice();
    var kase = stripSlot(cs, CASE);
    if (kase !== null && isProtected(cs)) { return cs.join(""); }
    var possessive = stripSlot(cs, POSSESSIVE);
    if (kase !== null && kase.after === POSS3 && possessive === null) {
      cs = beforeCase;
      stripSlot(cs, POSSESSIVE);
    }
    if (isProtected(cs)) { return cs.join(""); }
    var plural = stripSlot(cs, PLURAL);
    if (kase !== null || possessive !== null || plural !== null) {
      var again = cs.slice();
      var rel = stripSlot(again, CASE);
      if (rel !== null && isRelative(rel) && !isProtected(again)) {
        cs = again;
        stripSlot(cs, POSSESSIVE);
        stripSlot(cs, PLURAL);
      }
    }
    return undoAlternation(cs).join("");
  }

  // ---------------------------------------------------------------- Snowball Russian
  // The Snowball Russian algorithm as rust-stemmers 1.2.0 implements it (generated from
  // russian.sbl): regions RV and R2, longest-suffix `among`, the same four steps.
  function among(list) {
    var out = [];
    Object.keys(list).forEach(function (r) {
      list[r].split(" ").forEach(function (s) { out.push({ s: chars(s), r: Number(r) }); });
    });
    out.sort(function (a, b) { return b.s.length - a.s.length; });
    return out;
  }
  var RU_GERUND = among({ 1: "вшись в вши", 2: "ывшись ившись ыв ив ывши ивши" });
  var RU_ADJECTIVE = among({ 1: "ему ому ых их ую юю ею ою яя ая ые ее ие ое ыми ими ый ей ий ой ым ем им ом его ого" });
  var RU_PARTICIPLE = among({ 1: "вш щ ющ ем нн", 2: "ывш ивш ующ" });
  var RU_REFLEXIVE = among({ 1: "сь ся" });
  var RU_VERB = among({
    1: "ют ет ны ть ешь ла на ете йте ли й л ем н ло но нно",
    2: "ыт уют ят ует ит ены ыть ить ишь ю ую ыла ила ена ите уйте ейте ыли или уй ей ыл ил ым им ен ыло ило ено"
  });
  var RU_NOUN = among({ 1: "у ях иях ах ы ь ю ью ию я ья ия а ев ов е ье ие и еи ии ями иями ами й ей ией ий ой ям иям ам ем ием ом о" });
  var RU_DERIVATIONAL = among({ 1: "ост ость" });
  var RU_TIDY = among({ 1: "ейш ейше", 3: "ь", 2: "н" });
  function isRuVowel(c) { return "аеиоуыэюя".indexOf(c) >= 0; }

  function stemRussian(word) {
    var w = chars(word), n = w.length, pV = n, p2 = n, i = 0;
    // mark_regions: RV after the first vowel; R2 after vowel, non-vowel, vowel, non-vowel.
    while (i < n && !isRuVowel(w[i])) { i++; }
    if (i < n) {
      pV = i + 1; i = pV;
      while (i < n && isRuVowel(w[i])) { i++; }
      if (i < n) {
        i++;
        while (i < n && !isRuVowel(w[i])) { i++; }
        if (i < n) {
          i++;
          while (i < n && isRuVowel(w[i])) { i++; }
          if (i < n) { p2 = i + 1; }
        }
      }
    }
    // The longest suffix of the table inside RV, or null.
    function find(table) {
      for (var k = 0; k < table.length; k++) {
        var s = table[k].s;
        if (w.length - s.length < pV) { continue; }
        if (w.slice(w.length - s.length).join("") === s.join("")) { return table[k]; }
      }
      return null;
    }
    function precededByAYa(len) {
      var at = w.length - len - 1;
      return at >= pV && (w[at] === "а" || w[at] === "я");
    }
    function del(len) { w.length = w.length - len; }
    function grouped(table) {
      var m = find(table);
      if (m === null) { return false; }
      if (m.r === 1 && !precededByAYa(m.s.length)) { return false; }
      del(m.s.length);
      return true;
    }
    function adjectival() {
      var m = find(RU_ADJECTIVE);
      if (m === null) { return false; }
      del(m.s.length);
      var p = find(RU_PARTICIPLE);
      if (p !== null && (p.r === 2 || precededByAYa(p.s.length))) { del(p.s.length); }
      return true;
    }
    function simple(table) {
      var m = find(table);
      if (m === null) { return false; }
      del(m.s.length);
      return true;
    }
    if (!grouped(RU_GERUND)) {
      simple(RU_REFLEXIVE);
      if (!adjectival()) {
        if (!grouped(RU_VERB)) { simple(RU_NOUN); }
      }
    }
    if (w.length - 1 >= pV && w[w.length - 1] === "и") { del(1); }
    var d = find(RU_DERIVATIONAL);
    if (d !== null && w.length - d.s.length >= p2) { del(d.s.length); }
    var t = find(RU_TIDY);
    if (t !== null) {
      if (t.r === 1) {
        del(t.s.length);
        if (w.length - 2 >= pV && w[w.length - 1] === "н" && w[w.length - 2] === "н") { del(1); }
      } else if (t.r === 2) {
        if (w.length - 2 >= pV && w[w.length - 2] === "н") { del(1); }
      } else {
        del(1);
      }
    }
    return w.join("");
  }

  // ---------------------------------------------------------------- language guess, analyze
  var RUSSIAN_ENDINGS = ["ый", "ий", "ая", "яя", "ое", "ее", "ые", "кие", "тие", "бие", "ого", "его", "ому", "ему",
    "ыми", "ими", "ых", "ть", "ться", "тся", "ся", "ние", "нию", "нии", "ции", "цию", "ость",
    "ости", "ью", "ами", "ями", "ям", "ях", "ьи", "ьей", "ьям", "ьями", "ьях"];
  function guessLanguage(word) {
    if (hasKazakhLetter(word)) { return "kk"; }
    if (word.indexOf("ъ") >= 0) { return "ru"; }
    if (chars(word).length >= 4 && any(RUSSIAN_ENDINGS, function (e) { return endsWith(word, e); })) { return "ru"; }
    return "kk";
  }
  function stemWord(word) { return guessLanguage(word) === "kk" ? stemKazakh(word) : stemRussian(word); }
  function stemToken(kind, text) { return kind === "word" ? stemWord(text) : text; }
  function stemCandidates(word) {
    var out = [stemWord(word)];
    if (!hasKazakhLetter(word)) {
      [stemKazakh(word), stemRussian(word)].forEach(function (o) { if (out.indexOf(o) < 0) { out.push(o); } });
    }
    return out;
  }

  var stemCache = new Map();
  function cachedStem(text) {
    var key = stemCache.get(text);
    if (key === undefined) {
      key = stemWord(text);
      if (stemCache.size > 50000) { stemCache.clear(); }
      stemCache.set(text, key);
    }
    return key;
  }

  // Tokenises, normalises and stems text (src/search/mod.rs analyze).
  function analyze(text, options) {
    var fold = !!(options && options.foldU);
    return tokenize(text).map(function (t) {
      var key = t.kind === "word" ? cachedStem(t.text) : t.text;
      return {
        kind: t.kind,
        key: fold ? foldU(key) : key,
        surface: fold ? foldU(t.text) : t.text,
        position: t.position
      };
    });
  }

  // ---------------------------------------------------------------- engine.rs: planning
  // Weights and limits come from the manifest ("c"); these are engine.rs's defaults.
  var DEFAULTS = {
    exact: 100, expansion: 80, keyboard: 70, prefix: 60, typo: 50, phrase_words: 2, typo_min: 5, prefix_min: 2,
    max_prefix: 20, max_typo: 10, max_query: 256, max_groups: 16, prox_depth: 10, prox_percent: 10
  };
  // The index format this client reads (src/search/shards.rs FORMAT_VERSION).
  var FORMAT_VERSION = 6;
  var QUOTES = "\"«»“”„";
  function isQuote(c) { return QUOTES.indexOf(c) >= 0; }

  // Splits a query at quote marks; an unmatched quote runs to the end.
  function splitQuotes(query) {
    var out = [], quoted = false, current = "";
    chars(query).forEach(function (c) {
      if (isQuote(c)) {
        if (!/^\p{White_Space}*$/u.test(current)) { out.push({ text: current, quoted: quoted }); }
        current = "";
        quoted = !quoted;
      } else {
        current += c;
      }
    });
    if (!/^\p{White_Space}*$/u.test(current)) { out.push({ text: current, quoted: quoted }); }
    return out;
  }

  function Group() { this.alternatives = []; }
  Group.prototype.add = function (keys, weight) {
    if (!keys.length) { return; }
    var id = JSON.stringify(keys);
    for (var i = 0; i < this.alternatives.length; i++) {
      var a = this.alternatives[i];
      if (!a.phrase && a.id === id) { a.weight = Math.max(a.weight, weight); return; }
    }
    this.alternatives.push({ keys: keys, id: id, phrase: false, weight: weight });
  };

  function keyCandidates(term) {
    if (term.kind !== "word") { return [term.key]; }
    var keys = [term.key];
    stemCandidates(term.surface).forEach(function (k) { if (keys.indexOf(k) < 0) { keys.push(k); } });
    return keys;
  }

  // Is `b` one edit (insert, delete, substitute, swap neighbours) away from `a`? (char arrays)
  function oneEdit(a, b) {
    var common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) { common++; }
    function eqFrom(x, i, y, j) {
      if (x.length - i !== y.length - j) { return false; }
      for (; i < x.length; i++, j++) { if (x[i] !== y[j]) { return false; } }
      return true;
    }
    if (a.length === b.length) {
      if (common === a.length) { return false; }
      var substituted = eqFrom(a, common + 1, b, common + 1);
      var swapped = common + 1 < a.length && a[common] === b[common + 1] && a[common + 1] === b[common] &&
        eqFrom(a, common + 2, b, common + 2);
      return substituted || swapped;
    }
    if (a.length > b.length) { return a.length === b.length + 1 && eqFrom(a, common + 1, b, common); }
    return b.length === a.length + 1 && eqFrom(a, common, b, common + 1);
  }

  // The thesaurus: [from keys, to keys] entries looked up by their first key (synonyms.rs).
  function Thesaurus(entries) {
    this.entries = entries || [];
    this.byFirst = new Map();
    var self = this;
    this.entries.forEach(function (e, i) {
      var first = e[0][0];
      if (!self.byFirst.has(first)) { self.byFirst.set(first, []); }
      self.byFirst.get(first).push(i);
    });
  }
  Thesaurus.prototype.matchesAt = function (candidates, start) {
    var out = [], seen = [], self = this;
    if (start >= candidates.length) { return out; }
    candidates[start].forEach(function (key) {
      (self.byFirst.get(key) || []).forEach(function (index) {
        if (seen.indexOf(index) >= 0) { return; }
        seen.push(index);
        var entry = self.entries[index];
        var fits = all(entry[0].map(function (k, o) { return [k, o]; }), function (ko) {
          var cands = candidates[start + ko[1]];
          return cands !== undefined && cands.indexOf(ko[0]) >= 0;
        });
        if (fits) { out.push([entry[0].length, entry[1]]); }
      });
    });
    return out;
  };

  // ---------------------------------------------------------------- the static index
  function hexName(prefix) { return chars(prefix).map(function (c) { return c.codePointAt(0).toString(16); }).join("-"); }

  // A posting list (format v4): doc gaps and saturation levels written as differences to
  // the doc's base level; impact = idf[df] · lv[level] from the manifest's integer tables.
  // Impacts come from the index, so the ranking model lives in engine.rs alone.
  function decodePostings(a, m) {
    var out = [], doc = 0, scale = m.idf.get(a.length / 2) || 0;
    for (var i = 0; i + 1 < a.length; i += 2) {
      doc += a[i];
      out.push({ doc: doc, impact: scale * (m.lv[m.bl[doc] + a[i + 1]] || 0) });
    }
    return out;
  }

  function binarySearch(list, value, get) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1, v = get(list[mid]);
      if (v === value) { return mid; }
      if (v < value) { lo = mid + 1; } else { hi = mid; }
    }
    return -1;
  }

  // Key → set of positions of analysed terms: what phrases are checked against.
  function positionsOf(terms) {
    var at = new Map();
    terms.forEach(function (t) {
      if (!at.has(t.key)) { at.set(t.key, new Set()); }
      at.get(t.key).add(t.position);
    });
    return at;
  }
  // engine.rs phrase_in_text: the keys at consecutive positions.
  function phraseAt(at, keys) {
    var starts = at.get(keys[0]);
    if (!starts) { return false; }
    for (var p of starts) {
      var o = 1;
      while (o < keys.length && at.has(keys[o]) && at.get(keys[o]).has(p + o)) { o++; }
      if (o === keys.length) { return true; }
    }
    return false;
  }

  // One index: the registry of loaded files plus a loader that fetches the missing ones.
  function Index(registry, load) {
    this.registry = registry;
    this.load = load;
    this.pending = new Map();
    this.postingsCache = new Map();
  }
  Index.prototype.need = function (names) {
    var self = this;
    return Promise.all(names.map(function (name) {
      if (self.registry.has(name)) { return null; }
      if (!self.pending.has(name)) {
        self.pending.set(name, Promise.resolve(self.load(name + ".js")).then(function () {
          if (!self.registry.has(name)) { throw new Error("search index file " + name + ".js did not register"); }
        }).catch(function (e) { self.pending.delete(name); throw e; }));
      }
      return self.pending.get(name);
    }));
  };
  Index.prototype.init = function () {
    var self = this;
    return this.need(["manifest"]).then(function () {
      var m = self.registry.get("manifest");
      self.manifest = m;
      self.c = Object.assign({}, DEFAULTS, m.c || {});
      self.options = { foldU: !!(m.opt && m.opt.fold_u) };
      self.pshards = new Set(m.p || []);
      self.vshards = new Set(m.vs || []);
      self.thesaurus = new Thesaurus(m.th);
      self.stopWords = new Set(m.stop || []);
      self.tables = { lv: m.lv || [], bl: m.bl || [], idf: new Map(m.idf || []) };
      self.defines = m.def || "§def:";
      if (m.v !== FORMAT_VERSION) { throw new Error("search index format " + m.v + ", this client reads " + FORMAT_VERSION); }
    });
  };
  Index.prototype.postingShard = function (key) {
    var cs = chars(key);
    if (!cs.length) { return null; }
    var two = cs.slice(0, 2).join("");
    if (cs.length >= 2 && this.pshards.has(two)) { return "p/" + hexName(two); }
    if (this.pshards.has(cs[0])) { return "p/" + hexName(cs[0]); }
    return null;
  };
  Index.prototype.vocabShard = function (word) {
    var first = chars(word)[0];
    return first !== undefined && this.vshards.has(first) ? "v/" + hexName(first) : null;
  };
  Index.prototype.postings = function (key) {
    if (this.postingsCache.has(key)) { return this.postingsCache.get(key); }
    var shard = this.postingShard(key), list = null;
    if (shard !== null) {
      var data = this.registry.get(shard);
      if (data && !data.byKey) {
        // [shared, suffix, [ints…], …]: keys front-coded against the previous key.
        data.byKey = new Map();
        for (var i = 0, previous = []; i + 2 < data.length; i += 3) {
          previous = previous.slice(0, data[i]).concat(chars(data[i + 1]));
          data.byKey.set(previous.join(""), data[i + 2]);
        }
      }
      if (data && data.byKey.has(key)) { list = decodePostings(data.byKey.get(key), this.tables); }
    }
    this.postingsCache.set(key, list);
    return list;
  };
  // Vocabulary rows [surface, key, df] of the shard a word falls in (keys decoded).
  Index.prototype.vocabulary = function (word) {
    var shard = this.vocabShard(word);
    var data = shard === null ? null : this.registry.get(shard);
    if (!data) { return { s: [] }; }
    if (!data.decoded) {
      // Per word: shared characters of the previous word, suffix, then a key (a string, or
      // how many characters to drop from the word's end) and its df, or "" for the previous
      // word's key and df.
      var rows = [], a = data.s || [], previous = [], key = "", df = 0, i = 0;
      while (i + 2 < a.length) {
        var cs = previous.slice(0, a[i]).concat(chars(a[i + 1])), ref = a[i + 2];
        i += 3;
        if (ref !== "") {
          key = typeof ref === "number" ? cs.slice(0, cs.length - ref).join("") : ref;
          df = a[i++];
        }
        rows.push({ surface: cs.join(""), chars: cs, key: key, df: df });
        previous = cs;
      }
      data.decoded = { s: rows };
    }
    return data.decoded;
  };
  Index.prototype.chunkName = function (doc) { return "d/" + Math.floor(doc / (this.manifest.dc || 64)); };
  // The stored chunks holding the ranked passages, each once, in order.
  Index.prototype.chunksOf = function (ranked) {
    var self = this, names = [];
    ranked.forEach(function (r) {
      var name = self.chunkName(r.doc);
      if (names.indexOf(name) < 0) { names.push(name); }
    });
    return names;
  };
  // A stored passage (format v4 chunk: tables d, h, u and rows r), or null if not loaded.
  Index.prototype.stored = function (doc) {
    var data = this.registry.get(this.chunkName(doc));
    if (!data || !data.r) { return null; }
    if (!data.decoded) {
      // Rows: [shared, idSuffix, url, place, h, d, firstLine, lineCount, text]; ids are
      // front-coded against the previous row's.
      var previous = [];
      data.decoded = data.r.map(function (row) {
        var cs = previous.slice(0, row[0]).concat(chars(row[1])), id = cs.join("");
        previous = cs;
        var url = typeof row[2] === "number" ? data.u[row[2]] + "#" + id.slice(id.indexOf("/") + 1) : row[2];
        var place = row[3], heading = data.h[row[4]], documentFile = data.d[row[5]];
        var title = place === "" ? heading : (heading === "" ? place : place + " · " + heading);
        return {
          id: id, url: url, title: title, heading: heading, document: documentFile[0], file: documentFile[1],
          lines: [row[6], row[6] + row[7]], text: row[8]
        };
      });
    }
    return data.decoded[doc % (this.manifest.dc || 64)] || null;
  };

  // ---------------------------------------------------------------- planning and ranking
  function Engine(index) { this.index = index; this.c = index.c; this.options = index.options; }

  // The vocabulary shards a query needs before it can be planned.
  Engine.prototype.vocabularyNeeds = function (query) {
    var names = [], self = this;
    splitQuotes(query).forEach(function (segment) {
      analyze(segment.text, self.options).forEach(function (t) {
        if (t.kind !== "word" && t.kind !== "abbreviation") { return; }
        // The word's own shard; for a word a Russian keyboard typed, also the shards of the
        // Kazakh letters that fold to its first letter (engine.rs keyboard_spellings).
        var firsts = [t.surface].concat(hasKazakhLetter(t.surface) ? [] : keyboardLetters(chars(t.surface)[0]));
        firsts.forEach(function (w) {
          var shard = self.index.vocabShard(w);
          if (shard !== null && names.indexOf(shard) < 0) { names.push(shard); }
        });
      });
    });
    return names;
  };

  Engine.prototype.plan = function (query) {
    var segments = splitQuotes(query), cs = chars(query), last = cs[cs.length - 1];
    var openEnd = last !== undefined && !isWhitespace(last) && !isQuote(last) && !isAsciiPunctuation(last) &&
      segments.length > 0 && !segments[segments.length - 1].quoted;
    var groups = [], self = this, lastSegment = Math.max(segments.length - 1, 0);
    segments.forEach(function (segment, i) {
      var terms = analyze(segment.text, self.options);
      if (segment.quoted) { self.planPhrase(terms, groups); } else { self.planWords(terms, openEnd && i === lastSegment, groups); }
    });
    groups = groups.slice(0, this.c.max_groups);
    groups.forEach(function (g) { self.addDefinitionVariants(g); });
    return groups;
  };
  // engine.rs Group::add_definition_variants: for each plain word or expansion alternative,
  // one that also needs the passage to define those keys ("X – …" gives `§def:X`).
  Engine.prototype.addDefinitionVariants = function (g) {
    var c = this.c, defines = this.index.defines;
    var variants = g.alternatives.filter(function (a) {
      return !a.phrase && a.weight >= c.expansion && a.keys.every(function (k) { return !startsWith(k, "§"); });
    }).map(function (a) {
      return { keys: a.keys.concat(a.keys.map(function (k) { return defines + k; })), weight: a.weight };
    });
    variants.forEach(function (v) { g.add(v.keys, v.weight); });
  };
  Engine.prototype.planPhrase = function (terms, groups) {
    var words = terms.filter(function (t) { return t.kind !== "legal"; });
    if (words.length === 1) {
      groups.push(this.wordGroup(words[0], false));
    } else if (words.length > 1) {
      // engine.rs plan_phrase: the phrase, and its words anywhere at a weight low enough that
      // every passage with the phrase comes first.
      var g = new Group();
      var keys = words.map(function (t) { return t.key; });
      g.alternatives.push({ keys: keys, id: JSON.stringify(keys), phrase: true, weight: this.c.exact });
      g.alternatives.push({ keys: keys, id: JSON.stringify(keys), phrase: false, weight: this.c.phrase_words });
      groups.push(g);
    }
  };
  Engine.prototype.planWords = function (terms, openEnd, groups) {
    var self = this;
    var words = terms.filter(function (t) { return t.kind !== "legal"; });
    var candidates = words.map(keyCandidates);
    var wordGroups = words.map(function (t, i) { return self.wordGroup(t, openEnd && i + 1 === words.length); });
    // engine.rs: longest match — an entry inside a longer one that also matched is left out.
    var matches = [];
    for (var start = 0; start < words.length; start++) {
      this.index.thesaurus.matchesAt(candidates, start).forEach(function (m) { matches.push([start, m[0], m[1]]); });
    }
    var insideLonger = function (m) {
      return matches.some(function (o) { return o[1] > m[1] && o[0] <= m[0] && m[0] + m[1] <= o[0] + o[1]; });
    };
    matches.forEach(function (m) {
      if (insideLonger(m)) { return; }
      wordGroups.slice(m[0], m[0] + m[1]).forEach(function (g) { g.add(m[2].slice(), self.c.expansion); });
    });
    // engine.rs: question words and conjunctions are dropped after the thesaurus has seen
    // them, unless the query has nothing else.
    var stop = this.index.stopWords;
    var content = function (t) { return !(t.kind === "word" && stop.has(t.surface)); };
    var anyContent = words.some(content);
    wordGroups.forEach(function (g, i) { if (!anyContent || content(words[i])) { groups.push(g); } });
    terms.forEach(function (t) {
      if (t.kind !== "legal") { return; }
      var g = new Group();
      g.add([t.key], self.c.exact);
      groups.push(g);
    });
  };
  Engine.prototype.wordGroup = function (term, beingTyped) {
    var g = new Group(), c = this.c, self = this;
    keyCandidates(term).forEach(function (k) { g.add([k], c.exact); });
    if (term.kind !== "word") {
      if (beingTyped && term.kind === "abbreviation") { this.addPrefix(term.surface, g); }
      return g;
    }
    if (!hasKazakhLetter(term.surface)) {
      this.keyboardSpellings(term.surface).forEach(function (k) { g.add([k], c.keyboard); });
    }
    // A word the corpus has, spelt as typed, gets no typo neighbours (engine.rs word_group).
    var known = this.index.vocabulary(term.surface).s.some(function (r) { return r.surface === term.surface; });
    if (!known && chars(term.surface).length >= c.typo_min) {
      this.oneEditAway(term.surface).forEach(function (k) { g.add([k], c.typo); });
      if (!hasKazakhLetter(term.surface)) {
        this.keyboardTypos(term.surface).forEach(function (k) { g.add([k], c.typo); });
      }
    }
    if (beingTyped) { self.addPrefix(term.surface, g); }
    return g;
  };
  // engine.rs keyboard_spellings: keys of the words with Kazakh letters that fold to word.
  Engine.prototype.keyboardSpellings = function (word) {
    var out = [], self = this;
    keyboardLetters(chars(word)[0]).forEach(function (letter) {
      self.index.vocabulary(letter).s.forEach(function (r) {
        if (r.chars[0] === letter && hasKazakhLetter(r.surface) && keyboardFold(r.surface) === word &&
          out.indexOf(r.key) < 0) { out.push(r.key); }
      });
    });
    return out;
  };
  // engine.rs keyboard_typos: keys of the words with Kazakh letters whose keyboardFold is one
  // edit away from word, among the same rows as keyboardSpellings, at most max_typo.
  Engine.prototype.keyboardTypos = function (word) {
    var target = chars(word), out = [], self = this, max = this.c.max_typo;
    keyboardLetters(target[0]).forEach(function (letter) {
      self.index.vocabulary(letter).s.forEach(function (r) {
        if (out.length >= max || r.chars[0] !== letter || !hasKazakhLetter(r.surface)) { return; }
        var folded = chars(keyboardFold(r.surface));
        if (Math.abs(folded.length - target.length) > 1 || folded.join("") === word) { return; }
        if (oneEdit(target, folded) && out.indexOf(r.key) < 0) { out.push(r.key); }
      });
    });
    return out;
  };
  Engine.prototype.addPrefix = function (prefix, group) {
    if (chars(prefix).length < this.c.prefix_min) { return; }
    var rows = this.index.vocabulary(prefix).s.filter(function (r) { return startsWith(r.surface, prefix); });
    rows = rows.map(function (r) { return r; });
    rows.sort(function (a, b) { return b.df - a.df || cmpStr(a.key, b.key); });
    var keys = [];
    rows.forEach(function (r) { if (keys[keys.length - 1] !== r.key) { keys.push(r.key); } });
    var c = this.c;
    keys.slice(0, c.max_prefix).forEach(function (k) { group.add([k], c.prefix); });
  };
  Engine.prototype.oneEditAway = function (word) {
    var target = chars(word), out = [], rows = this.index.vocabulary(word).s;
    for (var i = 0; i < rows.length && out.length < this.c.max_typo; i++) {
      var r = rows[i];
      if (Math.abs(r.chars.length - target.length) > 1 || r.surface === word) { continue; }
      if (oneEdit(target, r.chars) && out.indexOf(r.key) < 0) { out.push(r.key); }
    }
    return out;
  };
  Engine.prototype.postingNeeds = function (groups) {
    var names = [], self = this;
    groups.forEach(function (g) {
      g.alternatives.forEach(function (a) {
        a.keys.forEach(function (k) {
          var shard = self.index.postingShard(k);
          if (shard !== null && names.indexOf(shard) < 0) { names.push(shard); }
        });
      });
    });
    return names;
  };
  // Postings of the docs that have every key of the alternative: [[posting per key]…].
  Engine.prototype.together = function (alt) {
    var lists = [], out = [];
    for (var i = 0; i < alt.keys.length; i++) {
      var list = this.index.postings(alt.keys[i]);
      if (list === null) { return out; }
      lists.push(list);
    }
    var first = lists[0], rest = lists.slice(1);
    first.forEach(function (posting) {
      var together = [posting];
      for (var j = 0; j < rest.length; j++) {
        var at = binarySearch(rest[j], posting.doc, function (p) { return p.doc; });
        if (at < 0) { return; }
        together.push(rest[j][at]);
      }
      out.push(together);
    });
    return out;
  };
  // The stored chunks a query's phrases are checked against (the index has no positions).
  Engine.prototype.phraseNeeds = function (groups) {
    var candidates = [], self = this;
    groups.forEach(function (g) {
      g.alternatives.forEach(function (alt) {
        if (!alt.phrase) { return; }
        self.together(alt).forEach(function (t) { candidates.push(t[0]); });
      });
    });
    return this.index.chunksOf(candidates);
  };
  // engine.rs phrase_in: the phrase in the passage's ranking title or in its text. A loaded
  // passage is analysed once.
  Engine.prototype.phraseIn = function (doc, keys) {
    var stored = this.positions(doc);
    return stored !== null && (phraseAt(stored.at[0], keys) || phraseAt(stored.at[1], keys));
  };
  // A loaded passage with its heading's and its text's key positions (`at`), or null.
  Engine.prototype.positions = function (doc) {
    var stored = this.index.stored(doc);
    if (stored === null) { return null; }
    if (!stored.at) { stored.at = [positionsOf(analyze(stored.heading, this.options)), positionsOf(analyze(stored.text, this.options))]; }
    return stored;
  };
  Engine.prototype.textPositions = function (doc) {
    var stored = this.positions(doc);
    return stored === null ? new Map() : stored.at[1];
  };
  Engine.prototype.alternativeScores = function (alt) {
    var out = [], self = this;
    this.together(alt).forEach(function (together) {
      var posting = together[0];
      if (alt.phrase && !self.phraseIn(posting.doc, alt.keys)) { return; }
      var impacts = 0;
      together.forEach(function (p) { impacts += p.impact; });
      out.push([posting.doc, alt.weight * impacts]);
    });
    return out;
  };
  // Ranks every matching passage by groups matched, then score, then doc number (= id
  // order, see the format).
  Engine.prototype.rank = function (groups) {
    var totals = new Map(), self = this;
    groups.forEach(function (g) {
      var best = new Map();
      g.alternatives.forEach(function (alt) {
        self.alternativeScores(alt).forEach(function (ds) {
          var prev = best.get(ds[0]);
          if (prev === undefined || ds[1] > prev) { best.set(ds[0], ds[1]); }
        });
      });
      best.forEach(function (score, doc) {
        var t = totals.get(doc);
        if (t === undefined) { totals.set(doc, { doc: doc, matched: 1, score: score }); } else { t.matched++; t.score += score; }
      });
    });
    var ranked = Array.from(totals.values());
    ranked.sort(byRank);
    return ranked;
  };
  function byRank(a, b) { return b.matched - a.matched || b.score - a.score || a.doc - b.doc; }
  // The stored chunks of the passages rerankByProximity looks at.
  Engine.prototype.proximityNeeds = function (ranked) {
    return this.index.chunksOf(ranked.slice(0, this.c.prox_depth));
  };
  // engine.rs rerank_by_proximity: the first prox_depth passages re-scored by how many
  // consecutive groups have words side by side in their text, then sorted again.
  Engine.prototype.rerankByProximity = function (groups, ranked) {
    if (groups.length < 2) { return; }
    var self = this, c = this.c;
    var words = groups.map(function (g) {
      var keys = new Set();
      g.alternatives.forEach(function (a) { a.keys.forEach(function (k) { if (!startsWith(k, "§")) { keys.add(k); } }); });
      return keys;
    });
    var top = ranked.slice(0, c.prox_depth);
    top.forEach(function (r) {
      var pairs = adjacentPairs(self.textPositions(r.doc), words);
      r.score += Math.floor(r.score * pairs * c.prox_percent / (100 * (groups.length - 1)));
    });
    top.sort(byRank);
    for (var i = 0; i < top.length; i++) { ranked[i] = top[i]; }
  };
  // engine.rs adjacent_pairs: pairs of consecutive groups with a key of the first right
  // before a key of the second.
  function adjacentPairs(at, words) {
    var pairs = 0;
    for (var i = 0; i + 1 < words.length; i++) {
      var found = false;
      words[i].forEach(function (k) {
        (at.get(k) || new Set()).forEach(function (p) {
          words[i + 1].forEach(function (next) { if (at.has(next) && at.get(next).has(p + 1)) { found = true; } });
        });
      });
      if (found) { pairs++; }
    }
    return pairs;
  }

  // ---------------------------------------------------------------- snippets (format spec)
  function snippetOf(text, keys, options, width, before) {
    var t = chars(text.split(/\p{White_Space}+/u).join(" ").replace(/^ +| +$/g, ""));
    var L = t.length, words = [], i = 0;
    while (i < L) {
      if (!isAlphanumeric(t[i])) { i++; continue; }
      var start = i;
      for (;;) {
        while (i < L && isAlphanumeric(t[i])) { i++; }
        if (i + 1 < L && (t[i] === "-" || t[i] === ".") && isAlphanumeric(t[i + 1])) { i++; continue; }
        break;
      }
      var word = t.slice(start, i).join("");
      var marked = analyze(word, options).some(function (term) { return term.kind !== "legal" && keys.has(term.key); });
      words.push({ from: start, to: i, marked: marked });
    }
    var s = 0, from = 0, to = L;
    for (var w = 0; w < words.length; w++) { if (words[w].marked) { s = words[w].from; break; } }
    if (L > width) {
      from = Math.min(Math.max(s - before, 0), L - width);
      to = from + width;
      var k;
      if (from > 0 && t[from - 1] !== " ") {
        for (k = from; k < s && t[k] !== " "; k++) { /* find the first space */ }
        from = k < s ? k + 1 : s;
      }
      if (to < L && t[to] !== " ") {
        for (k = to - 1; k > s && t[k] !== " "; k--) { /* find the last space */ }
        if (k > s) { to = k; }
      }
      while (from < L && t[from] === " ") { from++; }
      while (to > from && t[to - 1] === " ") { to--; }
    }
    var lead = from > 0 ? 1 : 0;
    var marks = words.filter(function (wd) { return wd.marked && wd.from >= from && wd.to <= to; })
      .map(function (wd) { return [wd.from - from + lead, wd.to - from + lead]; });
    return { text: (lead ? "…" : "") + t.slice(from, to).join("") + (to < L ? "…" : ""), marks: marks };
  }

  // ---------------------------------------------------------------- the client
  // registry: the data the index files registered; load(file) → Promise once the file has run.
  function Client(registry, load) {
    this.index = new Index(registry, load);
    this.started = null;
  }
  Client.prototype.ready = function () {
    var self = this;
    if (this.started === null) {
      this.started = this.index.init().then(function () { self.engine = new Engine(self.index); });
      this.started.catch(function () { self.started = null; });
    }
    return this.started;
  };
  // Resolves to {hits: [...], groups} or {error: "empty" | "too_long"}; never rejects on a query.
  Client.prototype.search = function (query, limit) {
    var self = this;
    query = String(query === undefined || query === null ? "" : query);
    limit = limit === undefined ? 10 : limit;
    return this.ready().then(function () {
      var engine = self.engine, c = engine.c;
      if (chars(query).length > c.max_query) { return { error: "too_long", max: c.max_query }; }
      return self.index.need(engine.vocabularyNeeds(query)).then(function () {
        var groups = engine.plan(query);
        if (!groups.length) { return { error: "empty" }; }
        return self.index.need(engine.postingNeeds(groups)).then(function () {
          return self.index.need(engine.phraseNeeds(groups));
        }).then(function () {
          var ranked = engine.rank(groups);
          return self.index.need(engine.proximityNeeds(ranked)).then(function () {
            engine.rerankByProximity(groups, ranked);
            return self.present(ranked.slice(0, limit), groups);
          });
        });
      });
    });
  };
  Client.prototype.present = function (ranked, groups) {
    var m = this.index.manifest, self = this;
    var chunks = this.index.chunksOf(ranked);
    var keys = new Set();
    groups.forEach(function (g) { g.alternatives.forEach(function (a) { a.keys.forEach(function (k) { keys.add(k); }); }); });
    var snip = m.snip || { width: 160, before: 60 };
    return this.index.need(chunks).then(function () {
      var hits = ranked.map(function (r) {
        var row = self.index.stored(r.doc);
        var snippet = snippetOf(row.text, keys, self.index.options, snip.width, snip.before);
        return {
          doc: r.doc, id: row.id, url: row.url, title: row.title, document: row.document, score: r.score, matched: r.matched,
          snippet: snippet.text, marks: snippet.marks, source: { file: row.file, lines: row.lines }
        };
      });
      return { hits: hits, groups: groups.length };
    });
  };

  var api = {
    foldText: foldText, tokenize: tokenize, analyze: analyze, keyboardFold: keyboardFold, foldU: foldU,
    hasKazakhLetter: hasKazakhLetter, stemKazakh: stemKazakh, stemRussian: stemRussian, stemWord: stemWord,
    stemCandidates: stemCandidates, guessLanguage: guessLanguage, cmpStr: cmpStr,
    isWhitespace: isWhitespace, isAsciiPunctuation: isAsciiPunctuation, chars: chars,
    oneEdit: oneEdit, splitQuotes: splitQuotes, snippet: snippetOf, Client: Client
  };
  root.zanbookSearchLang = api;

  // The global the index files register with (`zanbookSearch.add("<name>", data)`).
  var registry = new Map();
  var global = root.zanbookSearch || {};
  var queued = global.queue || [];
  global.add = function (name, data) { registry.set(name, data); };
  queued.forEach(function (item) { global.add(item[0], item[1]); });
  // A client over this page's registry; `load(file)` must run search/<file> and resolve.
  global.client = function (options) { return new Client(registry, options.load); };
  // A client that loads index files from `root`search/ with <script> tags (what the box uses).
  global.browserClient = function (root) { return new Client(registry, scriptLoader(root)); };
  global.lang = api;
  root.zanbookSearch = global;

  // ---------------------------------------------------------------- the search box
  // Markup (templates/site/base.html): <div class="site-search" data-root="…" hidden> with a
  // labelled <input type="search">, a live status line and an empty result list. Shown only
  // when this script runs; the index loads on first focus; results come as you type.
  var MESSAGES = {
    results: function (n) { return n + " нәтиже"; },
    none: "Ештеңе табылмады",
    empty: "Іздеу үшін сөз жазыңыз",
    tooLong: function (max) { return "Сұрау тым ұзын: " + max + " таңбадан аспауы керек"; },
    loading: "Іздеу индексі жүктелуде…",
    failed: "Іздеу индексі табылмады: сайтты қайта құрастырыңыз (zanbook build)"
  };
  var DEBOUNCE_MS = 120;
  var SHOWN = 10;
  var PAGE_SHOWN = 50;

  function scriptLoader(root) {
    return function (file) {
      return new Promise(function (resolve, reject) {
        var el = document.createElement("script");
        el.src = root + "search/" + file;
        el.async = true;
        el.onload = function () { resolve(); };
        el.onerror = function () { reject(new Error("cannot load search/" + file)); };
        document.head.appendChild(el);
      });
    };
  }

  function markedText(parent, text, marks) {
    var cs = chars(text), at = 0;
    marks.forEach(function (m) {
      if (m[0] > at) { parent.appendChild(document.createTextNode(cs.slice(at, m[0]).join(""))); }
      var mark = document.createElement("mark");
      mark.textContent = cs.slice(m[0], m[1]).join("");
      parent.appendChild(mark);
      at = m[1];
    });
    if (at < cs.length) { parent.appendChild(document.createTextNode(cs.slice(at).join(""))); }
  }

  // One result: a link to the node with its heading, snippet (matched words in <mark>) and document.
  function hitItem(hit, root) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + hit.url;
    a.className = "search-hit";
    [["search-hit-title", hit.title], ["search-hit-snippet", null], ["search-hit-doc", hit.document]].forEach(function (part) {
      var span = document.createElement("span");
      span.className = part[0];
      if (part[1] === null) { markedText(span, hit.snippet, hit.marks); } else { span.textContent = part[1]; }
      a.appendChild(span);
    });
    li.appendChild(a);
    return li;
  }

  function message(result, query) {
    if (result.error === "empty") { return query.trim() === "" ? "" : MESSAGES.empty; }
    if (result.error === "too_long") { return MESSAGES.tooLong(result.max); }
    return result.hits.length ? MESSAGES.results(result.hits.length) : MESSAGES.none;
  }

  // The results page, search.html?q=…: the same client, more hits.
  function setUpPage(page) {
    var root = page.getAttribute("data-root") || "";
    var input = page.querySelector("input");
    var status = page.querySelector(".search-page-status");
    var list = page.querySelector(".search-page-results");
    var query = "";
    try { query = new URLSearchParams(window.location.search).get("q") || ""; } catch (e) { query = ""; }
    if (!input || !status || !list) { return; }
    input.value = query;
    if (query.trim() === "") { status.textContent = ""; return; }
    status.textContent = MESSAGES.loading;
    global.browserClient(root).search(query, PAGE_SHOWN).then(function (result) {
      status.textContent = message(result, query);
      (result.hits || []).forEach(function (hit) { list.appendChild(hitItem(hit, root)); });
    }, function () { status.textContent = MESSAGES.failed; });
  }

  function setUpBox(box) {
    var root = box.getAttribute("data-root") || "";
    var input = box.querySelector("input");
    var status = box.querySelector(".search-status");
    var list = box.querySelector(".search-results");
    if (!input || !status || !list) { return; }
    var client = global.client({ load: scriptLoader(root) });
    var timer = null, latest = 0;
    box.hidden = false;

    function clear() {
      list.textContent = "";
      list.hidden = true;
    }
    function say(text) { status.textContent = text; }
    function render(result) {
      clear();
      say(message(result, input.value));
      if (!result.hits || !result.hits.length) { return; }
      result.hits.forEach(function (hit) { list.appendChild(hitItem(hit, root)); });
      list.hidden = false;
    }
    function run() {
      var query = input.value, ticket = ++latest;
      if (query.trim() === "") { clear(); say(""); return; }
      client.search(query, SHOWN).then(function (result) {
        if (ticket === latest) { render(result); }
      }, function () {
        if (ticket === latest) { clear(); say(MESSAGES.failed); }
      });
    }
    input.addEventListener("focus", function () {
      client.ready().then(function () {
        // Coming back to a box that still holds a query shows its results again.
        if (input.value.trim() !== "" && list.hidden) { run(); }
      }, function () { say(MESSAGES.failed); });
    });
    input.addEventListener("input", function () {
      if (timer !== null) { clearTimeout(timer); }
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    function close() { clear(); say(""); input.focus(); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && links().length) {
        e.preventDefault();
        links()[0].focus();
      } else if (e.key === "Enter") {
        // Enter opens the results page (ArrowDown then Enter opens a hit).
        e.preventDefault();
        if (input.value.trim() !== "") {
          window.location.href = root + "search.html?q=" + encodeURIComponent(input.value);
        }
      } else if (e.key === "Escape") {
        if (input.value !== "" || !list.hidden) { e.preventDefault(); input.value = ""; close(); }
      }
    });
    list.addEventListener("keydown", function (e) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (at < 0) { return; }
      if (e.key === "ArrowDown") {
        e.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (at === 0) { input.focus(); } else { all[at - 1].focus(); }
      } else if (e.key === "Escape") {
        e.preventDefault();
        close();
      }
    });
    document.addEventListener("click", function (e) {
      if (!box.contains(e.target)) { clear(); say(""); }
    });
  }

  if (typeof document !== "undefined" && document.querySelectorAll) {
    var start = function () {
      Array.prototype.forEach.call(document.querySelectorAll(".site-search"), setUpBox);
      Array.prototype.forEach.call(document.querySelectorAll(".search-page"), setUpPage);
    };
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
