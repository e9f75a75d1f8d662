// zanbook search client: dependency-free, no build step.
//
// A port of the query side of the Rust search engine (src/search/): normalisation
// (normalize.rs), the Kazakh stemmer and Snowball Russian (stem.rs, rust-stemmers), the
// thesaurus (synonyms.rs), query planning and integer ranking (engine.rs). Both sides must
// rank identically; tests/search_parity.rs runs this file under node against the Rust
// engine over the same index files. Change one side, change the other.
//
// The index (site/search/) is a set of JS files that register their data with the global
// `zanbookSearch` (see /work/notes/index-format.md and src/search/shards.rs), loaded with
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

  var api = {
    foldText: foldText, tokenize: tokenize, analyze: analyze, keyboardFold: keyboardFold, foldU: foldU,
    hasKazakhLetter: hasKazakhLetter, stemKazakh: stemKazakh, stemRussian: stemRussian, stemWord: stemWord,
    stemCandidates: stemCandidates, guessLanguage: guessLanguage, cmpStr: cmpStr,
    isWhitespace: isWhitespace, isAsciiPunctuation: isAsciiPunctuation, chars: chars
  };
  root.zanbookSearchLang = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
