//! The citation grammar: a small hand-written parser over the lexer's tokens.
//!
//! ```text
//! chain      = act [alias-def] [","|"("] levels {sep levels}     distributive lists
//!            | "осы" head levels                                  this act
//!            | levels {sep levels}                                no act: inherit or context
//! act        = {qualifier | date} (abbreviation ["-" suffix]
//!                                  | name                          Қылмыстық кодексінің
//!                                  | quote title quote {qualifier | date | № N} head
//!                                  | alias)                        (бұдан әрі – Заң) … Заңның
//! levels     = group {[","|"("] group}       each group one rank deeper than the last
//! group      = numlist ["-"] unit-word | numlist unit-abbrev "."
//! numlist    = item {("," | және | мен | немесе) item}
//! item       = N ["-" N] [")"] | ordinal                          302-1, 7-10 (range), 4)
//! ```
//!
//! Russian puts the unit first and the act last (`ч. 2 ст. 40 УК РК`, `подпункт 1) пункта 2
//! статьи 111`): `russian_chain` reads groups from the smallest unit up. Orders of the
//! Prosecutor General are found by number and date (`Бас Прокурорының 04.05.2016 № 91 …
//! бұйрығымен`).
//!
//! Kazakh puts the act first and chains genitives: `ҚПК-нің 427-бабының бірінші бөлігінде`.
//! Every element but the last is genitive; the unit words carry stem alternation
//! (бап/баб-, тармақ/тармағ-, бөлік/бөліг-), which [`lexicon`](super::lexicon) knows.

use super::date::PartialDate;
use super::lexer::{Kind, Token};
use super::lexicon::{self, Head, Unit};
use super::registry::{normalize_title, Registry, Target};
use std::collections::HashMap;

/// The act a citation names, before resolution to an edition or a node.
#[derive(Debug, Clone, PartialEq)]
pub enum ActRef {
    /// A statute of the registry, named by an abbreviation, a name or a quoted title.
    Statute {
        target: Target,
        /// A date written with the act (`1997 жылғы 13 желтоқсандағы … кодексі`).
        adopted: Option<PartialDate>,
        /// The head noun written after a quoted title (`ҚРКЗ` narrows to constitutional laws).
        head: Option<Head>,
    },
    /// An act the registry does not know: a quoted title with a head noun, or a short name
    /// defined for one.
    Unknown { surface: String },
    /// `осы …`: the act this text is part of, or inside quotation marks the act quoted.
    This { head: Option<Head> },
    /// No act written: the citing context decides (an amendment item's amended act).
    Context,
}

/// One recognised citation. Offsets count characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: String,
    pub act: ActRef,
    pub chapter: Option<String>,
    pub article: Option<String>,
    pub part: Option<String>,
    pub point: Option<String>,
    pub subpoint: Option<String>,
    /// The last number of a range at the deepest level (`7-10-тармақтары`: point 7 through 10).
    pub through: Option<String>,
    /// `осы баптың …`: the article the citing text is in.
    pub this_article: bool,
    /// The citation lies inside «…».
    pub quoted: bool,
    /// The act was not written: it is the one the previous citation in the same text named.
    pub inherited: bool,
    /// Why a person should look at this citation although it resolves (a short name that a
    /// later, different act of the same kind may be shadowing).
    pub review: Option<String>,
}

impl Citation {
    /// Whether the citation names any structural unit (not only an act).
    pub fn has_unit(&self) -> bool {
        self.chapter.is_some()
            || self.article.is_some()
            || self.part.is_some()
            || self.point.is_some()
            || self.subpoint.is_some()
    }

    pub fn unit(&self, unit: Unit) -> Option<&str> {
        match unit {
            Unit::Chapter => self.chapter.as_deref(),
            Unit::Article => self.article.as_deref(),
            Unit::Part => self.part.as_deref(),
            Unit::Point => self.point.as_deref(),
            Unit::Subpoint => self.subpoint.as_deref(),
        }
    }

    fn set(&mut self, unit: Unit, value: String) {
        let slot = match unit {
            Unit::Chapter => &mut self.chapter,
            Unit::Article => &mut self.article,
            Unit::Part => &mut self.part,
            Unit::Point => &mut self.point,
            Unit::Subpoint => &mut self.subpoint,
        };
        *slot = Some(value);
    }
}

/// A short name a document defines: `(бұдан әрі – ҚК)`, `(әрі қарай - Заң)`.
#[derive(Debug, Clone)]
enum Alias {
    /// An acronym, matched exactly (`ҚК`, `АПК`), with an optional hyphenated suffix.
    Acronym(ActRef),
    /// A word, matched by stem (`Заң` → Заңның, `Қағидалар` → Қағидалардың).
    Word {
        stems: Vec<String>,
        act: ActRef,
        /// When it was defined (the scanner's act count then).
        defined: u64,
    },
}

/// Recognises citations text after text, remembering the short names a document defines.
/// Use one scanner per document, fed in reading order.
#[derive(Debug)]
pub struct Scanner<'r> {
    registry: &'r Registry,
    aliases: HashMap<String, Alias>,
    /// Acts recognised so far (a clock for short-name definitions).
    acts_seen: u64,
    /// The last act named by a quoted title with the head noun `Заң`, and when.
    last_titled_law: Option<(u64, ActRef)>,
    /// Accept `екінші бөлік` with no act before it (inside amendment items, whose header
    /// names the article).
    bare_ordinals: bool,
}

impl<'r> Scanner<'r> {
    pub fn new(registry: &'r Registry) -> Self {
        Scanner {
            registry,
            aliases: HashMap::new(),
            acts_seen: 0,
            last_titled_law: None,
            bare_ordinals: false,
        }
    }

    /// Whether a chain with no act may start with an ordinal numeral (`екінші бөлік`):
    /// only where the context names the article, as an amendment item does.
    pub fn set_bare_ordinals(&mut self, allow: bool) {
        self.bare_ordinals = allow;
    }

    /// Recognises the citations in one text (a node's text, a sentence).
    pub fn scan(&mut self, text: &str) -> Vec<Citation> {
        let tokens = super::lexer::tokenize(text);
        let mut parser = Parser {
            text,
            toks: &tokens,
            scanner: self,
            out: Vec::new(),
            last_act: None,
            review: None,
            upper: Vec::new(),
            last_end: 0,
        };
        parser.run();
        parser.out
    }
}

/// A number list item: `302-1`, `7-10` (a range), `4)`, `бірінші`.
#[derive(Debug, Clone)]
struct Item {
    value: String,
    through: Option<String>,
    start: usize,
    end: usize,
}

/// One level of a chain: a list of numbers and the unit word.
#[derive(Debug, Clone)]
struct Group {
    unit: Unit,
    items: Vec<Item>,
}

#[derive(Debug, Clone)]
struct Chain {
    groups: Vec<Group>,
    start: usize,
    end: usize,
}

struct ActMatch {
    act: ActRef,
    start: usize,
    end: usize,
    review: Option<String>,
}

struct Parser<'a, 't, 's, 'r> {
    text: &'a str,
    toks: &'t [Token<'a>],
    scanner: &'s mut Scanner<'r>,
    out: Vec<Citation>,
    last_act: Option<ActRef>,
    /// A review note for the citations being emitted (see [`Citation::review`]).
    review: Option<String>,
    /// Higher levels the chain being emitted inherits (see `upper_levels`).
    upper: Vec<(Unit, String)>,
    /// The token after the last chain emitted.
    last_end: usize,
}

const MAX_LIST: usize = 64;

impl Parser<'_, '_, '_, '_> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            i = self.chain_at(i).unwrap_or(i + 1);
        }
    }

    fn tok(&self, i: usize) -> Option<&Token<'_>> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.word())
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_punct(c))
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Tries every chain shape at token `i`; returns the token after the chain.
    fn chain_at(&mut self, i: usize) -> Option<usize> {
        if !self.may_start(i) {
            return None;
        }
        if let Some(end) = self.russian_chain(i) {
            return Some(end);
        }
        if let Some(m) = self.act(i) {
            return Some(self.after_act(m));
        }
        if self.word(i) == "осы" {
            return self.this_chain(i);
        }
        if let Some(next) = self.unregistered_definition(i) {
            return Some(next);
        }
        let number = self.kind(i) == Some(Kind::Num);
        let ordinal = self.scanner.bare_ordinals && lexicon::ordinal(self.word(i)).is_some();
        if !(number || ordinal) {
            // `екінші бөлігі` with no act before it is "the second part" of anything
            // (except inside an amendment item, which names its article itself).
            return None;
        }
        let chain = self.levels(i, None, false)?;
        if number && !self.marked_number(i) {
            // `5 тармақтан тұрады` counts points; a citation with no act writes `5-тармақ`.
            return None;
        }
        self.upper = self.upper_levels(i, &chain);
        let act = if let Some(acronym) = self.unknown_acronym_before(i) {
            // `ҰҚК 5-бабы`: an act the registry does not know, not the last act named.
            (ActRef::Unknown { surface: acronym }, false)
        } else {
            match &self.last_act {
                Some(act) => (act.clone(), true),
                None => (ActRef::Context, false),
            }
        };
        let end = self.emit_chain(&chain, chain.start, &act.0, act.1, false);
        self.upper.clear();
        Some(self.distribute(end, &act.0, act.1))
    }

    /// `256-баптың екінші бөлігі мынадай мазмұндағы 13-1) тармақшамен толықтырылсын`: a chain
    /// with no act that starts below the previous citation's deepest unit, in the same
    /// sentence, is inside that unit.
    fn upper_levels(&self, i: usize, chain: &Chain) -> Vec<(Unit, String)> {
        let Some(prev) = self.out.last() else {
            return Vec::new();
        };
        let same_sentence = !(self.last_end..i).any(|k| {
            self.is_punct(k, '.')
                || self.is_punct(k, ';')
                || self.is_punct(k, '!')
                || self.is_punct(k, '?')
        });
        let top = chain.groups[0].unit;
        let levels: Vec<(Unit, String)> = [Unit::Article, Unit::Part, Unit::Point, Unit::Subpoint]
            .into_iter()
            .filter_map(|u| prev.unit(u).map(|v| (u, v.to_string())))
            .collect();
        let deepest = levels.last().map(|(u, _)| *u);
        if !same_sentence || self.last_end > i || deepest.is_none_or(|d| top.rank() <= d.rank()) {
            return Vec::new();
        }
        levels
            .into_iter()
            .filter(|(u, _)| u.rank() < top.rank())
            .collect()
    }

    /// Russian puts the unit first: `ч. 2 ст. 40 УК РК`, `подпункт 1) пункта 2 статьи 111`,
    /// `статьи 3 Уголовного кодекса Республики Казахстан`. Groups go from the smallest unit
    /// up; the act, if any, comes last.
    fn russian_chain(&mut self, i: usize) -> Option<usize> {
        let mut groups: Vec<Group> = Vec::new();
        let mut j = i;
        while let Some((group, next)) = self.russian_group(j) {
            if groups
                .last()
                .is_some_and(|g| group.unit.rank() >= g.unit.rank() || g.unit == Unit::Chapter)
            {
                break;
            }
            groups.push(group);
            j = next;
        }
        if groups.is_empty() {
            return None;
        }
        groups.reverse();
        let (act, inherited, mut end) = match self.act(j) {
            Some(m) => (m.act, false, m.end),
            None => match &self.last_act {
                Some(act) => (act.clone(), true, j),
                None => (ActRef::Context, false, j),
            },
        };
        // `УК РК`, `кодекса Республики Казахстан`
        if matches!(self.tok(end).map(|t| t.text), Some("РК")) {
            end += 1;
        } else if self.word(end) == "республики" && self.word(end + 1) == "казахстан"
        {
            end += 2;
        }
        if !inherited && !matches!(act, ActRef::Context) {
            self.last_act = Some(act.clone());
        }
        let chain = Chain {
            groups,
            start: i,
            end,
        };
        Some(self.emit_chain(&chain, i, &act, inherited, false))
    }

    /// One Russian group: a unit word (`ст.`, `статьи`) and its numbers.
    fn russian_group(&self, i: usize) -> Option<(Group, usize)> {
        let (unit, abbreviated) = lexicon::russian_unit(self.word(i))?;
        let mut j = i + 1;
        if abbreviated {
            if !self.is_punct(j, '.') {
                return None;
            }
            j += 1;
        }
        if self.kind(j) != Some(Kind::Num) {
            return None;
        }
        let (items, next, _) = self.numlist(j)?;
        Some((Group { unit, items }, next))
    }

    /// `Закона Республики Казахстан от 30 июня 2017 года № 81-VI «О прокуратуре»`,
    /// `Конституционного закона «О прокуратуре»`.
    fn russian_law(&self, i: usize) -> Option<(ActRef, usize)> {
        let mut j = i;
        let mut head = Head::Law;
        if self.word(j).starts_with("конституционн") {
            head = Head::ConstitutionalLaw;
            j += 1;
        }
        let rest = self.word(j).strip_prefix("закон")?;
        if !lexicon::is_russian_ending(rest) {
            return None;
        }
        j += 1;
        let mut adopted = None;
        for _ in 0..4 {
            if self.tok(j).is_some_and(|t| t.text == "РК") {
                j += 1;
            } else if self.word(j) == "республики" && self.word(j + 1) == "казахстан"
            {
                j += 2;
            } else if self.word(j) == "от" {
                let (date, next) = self.russian_date(j + 1)?;
                adopted = Some(date);
                j = next;
            } else if self.tok(j).is_some_and(|t| t.text == "№") {
                j = self.skip_act_number(j + 1);
            } else {
                break;
            }
        }
        if !matches!(self.kind(j), Some(Kind::OpenQuote | Kind::StraightQuote)) {
            return None;
        }
        let close = (j + 1..j + 30)
            .find(|&k| matches!(self.kind(k), Some(Kind::CloseQuote | Kind::StraightQuote)))?;
        if close == j + 1 {
            return None;
        }
        let title = &self.text[self.toks[j + 1].byte_start..self.toks[close - 1].byte_end];
        let target = self.scanner.registry.title(&normalize_title(title))?;
        let act = ActRef::Statute {
            target,
            adopted,
            head: Some(head),
        };
        Some((act, close + 1))
    }

    /// `30 июня 2017 года`, `30.06.2017`.
    fn russian_date(&self, i: usize) -> Option<(PartialDate, usize)> {
        if let Some(m) = lexicon::month(self.word(i + 1)) {
            let day = self.tok(i)?.text.parse().ok()?;
            let year = self.tok(i + 2)?.text.parse().ok()?;
            let mut j = i + 3;
            if matches!(self.word(j), "года" | "г") {
                j += 1;
                if self.is_punct(j, '.') {
                    j += 1;
                }
            }
            let date = PartialDate {
                year,
                month: Some(m as u8),
                day: Some(day),
            };
            return Some((date, j));
        }
        self.date_phrase(i)
    }

    /// A cheap test that rules out most tokens: a chain starts at a number, a quotation
    /// mark, a capitalised word (acronyms, names, ҚР, Бас Прокурорының), `осы`, the first
    /// word of a registry name, or a head noun that a definition follows.
    fn may_start(&self, i: usize) -> bool {
        let Some(tok) = self.tok(i) else {
            return false;
        };
        match tok.kind {
            Kind::Num | Kind::OpenQuote | Kind::StraightQuote => true,
            Kind::Word => {
                tok.is_capitalised()
                    || matches!(tok.word(), "осы" | "бас" | "қазақстан")
                    || (self.scanner.bare_ordinals && lexicon::ordinal(tok.word()).is_some())
                    || lexicon::russian_unit(tok.word()).is_some()
                    || tok.word().starts_with("закон")
                    || tok.word().starts_with("конституционн")
                    || self.scanner.registry.starts_a_name(tok.word())
                    || (self.is_punct(i + 1, '(') && lexicon::head_noun(tok.word()).is_some())
            }
            _ => false,
        }
    }

    /// Whether the number at `i` is joined to its unit word by a hyphen, or is a subpoint
    /// number `N)`, as a citation's number is.
    fn marked_number(&self, i: usize) -> bool {
        let mut j = i + 1;
        while matches!(self.kind(j), Some(Kind::Hyphen | Kind::Dash))
            && self.kind(j + 1) == Some(Kind::Num)
        {
            j += 2;
        }
        matches!(self.kind(j), Some(Kind::Hyphen))
            || self.is_punct(j, ')')
            || self.is_punct(j, ',')
            || lexicon::is_list_conjunction(self.word(j))
    }

    /// An upper-case acronym right before `i` that is not a known act (`ҰҚК 5-бабы`).
    fn unknown_acronym_before(&self, i: usize) -> Option<String> {
        let prev = self.tok(i.checked_sub(1)?)?;
        let upper = prev.text.chars().filter(|c| c.is_uppercase()).count();
        (prev.kind == Kind::Word && upper >= 2 && prev.text != "ҚР" && prev.text != "РК")
            .then(|| prev.text.to_string())
    }

    fn after_act(&mut self, m: ActMatch) -> usize {
        self.review = m.review.clone();
        let j = self.after_act_inner(&m);
        self.review = None;
        self.last_act = Some(m.act);
        j
    }

    fn after_act_inner(&mut self, m: &ActMatch) -> usize {
        let mut j = self.alias_definition(m.end, &m.act).unwrap_or(m.end);
        let mut k = j;
        if self.is_punct(k, ',') || self.is_punct(k, '(') {
            k += 1;
        }
        match self.levels(k, None, true) {
            Some(chain) => {
                j = self.emit_chain(&chain, m.start, &m.act, false, false);
                j = self.distribute(j, &m.act, false);
            }
            None => {
                if !matches!(m.act, ActRef::This { .. }) {
                    self.push(m.start, m.end, m.act.clone(), |_| {});
                }
            }
        }
        j
    }

    /// `осы Заңның 6-бабында`, `осы Нұсқаулықтың 6-тармағында`, `осы баптың 1-тармағында`.
    fn this_chain(&mut self, i: usize) -> Option<usize> {
        let next = self.word(i + 1);
        if let Some(head) = self.head_at(i + 1) {
            let (head, end) = head;
            let act = ActRef::This { head: Some(head) };
            return Some(self.after_act(ActMatch {
                act,
                start: i,
                end,
                review: None,
            }));
        }
        if lexicon::unit_word(next) == Some(Unit::Article) {
            let chain = self.levels(i + 2, Some(Unit::Article), true)?;
            let act = ActRef::This { head: None };
            let end = self.emit_chain(&chain, i, &act, false, true);
            return Some(end);
        }
        None
    }

    /// A head noun at `i` (`Заңның`, `Конституциялық заңда`, `Кодекстің`), with the token
    /// after it.
    fn head_at(&self, i: usize) -> Option<(Head, usize)> {
        let tok = self.tok(i)?;
        if tok.kind != Kind::Word {
            return None;
        }
        if lexicon::is_form_of(tok.word(), "конституциялық") {
            if lexicon::head_noun(self.word(i + 1)) == Some(Head::Law) {
                return Some((Head::ConstitutionalLaw, i + 2));
            }
            return None;
        }
        if let Some(head) = lexicon::head_abbreviation(tok.text) {
            return Some((head, self.abbreviation_suffix(i + 1)));
        }
        lexicon::head_noun(tok.word()).map(|h| (h, i + 1))
    }

    // ---- acts ----------------------------------------------------------------------------

    /// An act reference starting at `i`, with qualifiers (`ҚР`, `Қазақстан Республикасының`)
    /// and an adoption date in front.
    fn act(&mut self, i: usize) -> Option<ActMatch> {
        let foreign = i > 0 && is_foreign(self.word(i - 1));
        let mut j = i;
        let mut adopted = None;
        for _ in 0..4 {
            if let Some(k) = self.qualifier(j) {
                j = k;
            } else if let Some((d, k)) = self.date_phrase(j).filter(|_| adopted.is_none()) {
                adopted = Some(d);
                j = k;
            } else {
                break;
            }
        }
        let mut review = None;
        let (mut act, end) = match self.abbreviation(j).or_else(|| self.name(j)) {
            Some(found) => found,
            None => match self.quoted_title(j) {
                Some((act, end)) => {
                    if matches!(
                        act,
                        ActRef::Statute {
                            head: Some(Head::Law),
                            ..
                        }
                    ) {
                        self.scanner.last_titled_law = Some((self.scanner.acts_seen, act.clone()));
                    }
                    (act, end)
                }
                None => match self
                    .russian_law(j)
                    .or_else(|| self.order(j))
                    .map(|(a, e)| (a, e, None))
                    .or_else(|| self.alias(j))
                {
                    Some((act, end, shadow)) => {
                        review = shadow;
                        (act, end)
                    }
                    None => self.bare_head(j)?,
                },
            },
        };
        self.scanner.acts_seen += 1;
        if let ActRef::Statute { adopted: a, .. } = &mut act {
            if a.is_none() {
                *a = adopted;
            }
        }
        let mut end = end;
        let foreign_after = foreign_jurisdiction(self.word(end), self.word(end + 1));
        if foreign || foreign_after > 0 {
            // `Ресей Федерациясының қылмыстық-атқару кодексінің`, `уголовного кодекса
            // Казахской ССР`: a foreign or former act of that name, not ours.
            end += foreign_after;
            let first = &self.toks[if foreign { i - 1 } else { i }];
            let last = &self.toks[end - 1];
            act = ActRef::Unknown {
                surface: self.text[first.byte_start..last.byte_end].to_string(),
            };
        }
        Some(ActMatch {
            act,
            start: i,
            end,
            review,
        })
    }

    /// `ҚР`, `Қазақстан Республикасы(ның)`, `РК`.
    fn qualifier(&self, i: usize) -> Option<usize> {
        let tok = self.tok(i)?;
        match tok.text {
            "ҚР" | "РК" => Some(i + 1),
            _ if tok.word() == "қазақстан"
                && lexicon::is_form_of(self.word(i + 1), "республика") =>
            {
                Some(i + 2)
            }
            _ => None,
        }
    }

    /// `1997 жылғы 13 желтоқсандағы`, `2014 жылғы`, `05.07.2014` (`ж.` optional).
    fn date_phrase(&self, i: usize) -> Option<(PartialDate, usize)> {
        let tok = self.tok(i)?;
        if tok.kind != Kind::Num {
            return None;
        }
        // Only the attributive forms bind a date to the act after it: `1997 жылғы 13
        // желтоқсандағы кодекс` is the code of that date, `2021 жылғы 9 наурызда` is when
        // something happened.
        if tok.text.len() == 4 && self.word(i + 1) == "жылғы" {
            let year: u16 = tok.text.parse().ok()?;
            let mut j = i + 2;
            if self.is_punct(j, '.') {
                j += 1;
            }
            let mut date = PartialDate {
                year,
                month: None,
                day: None,
            };
            if self.kind(j) == Some(Kind::Num) {
                let month_word = self.word(j + 1);
                if let Some(m) = lexicon::month(month_word) {
                    if !(month_word.ends_with("ғы") || month_word.ends_with("гі")) {
                        return None;
                    }
                    date.day = self.tok(j)?.text.parse().ok();
                    date.month = Some(m as u8);
                    j += 2;
                }
            }
            return Some((date, j));
        }
        // DD.MM.YYYY
        if tok.text.len() <= 2
            && self.is_punct(i + 1, '.')
            && self.kind(i + 2) == Some(Kind::Num)
            && self.is_punct(i + 3, '.')
            && self.tok(i + 4).is_some_and(|t| t.text.len() == 4)
        {
            let date = PartialDate {
                year: self.tok(i + 4)?.text.parse().ok()?,
                month: self.tok(i + 2)?.text.parse().ok(),
                day: tok.text.parse().ok(),
            };
            let mut j = i + 5;
            if self.word(j) == "ж" {
                j += 1;
                if self.is_punct(j, '.') {
                    j += 1;
                }
            }
            return Some((date, j));
        }
        None
    }

    /// A hyphenated case suffix after an abbreviation: `-нің`, ` - на`.
    fn abbreviation_suffix(&self, i: usize) -> usize {
        if self.kind(i) == Some(Kind::Hyphen) {
            if let Some(t) = self.tok(i + 1) {
                if t.kind == Kind::Word
                    && t.text.chars().all(char::is_lowercase)
                    && lexicon::is_abbreviation_suffix(t.word())
                {
                    return i + 2;
                }
            }
        }
        i
    }

    /// A registry abbreviation or a defined acronym: `ҚПК-нің`, `ҚРКЗ`, `ӘҚБтК`.
    fn abbreviation(&self, i: usize) -> Option<(ActRef, usize)> {
        let tok = self.tok(i)?;
        if tok.kind != Kind::Word {
            return None;
        }
        let act = if let Some(Alias::Acronym(act)) = self.scanner.aliases.get(tok.text) {
            act.clone()
        } else {
            let target = self.scanner.registry.abbreviation(tok.text)?;
            ActRef::Statute {
                target,
                adopted: None,
                head: None,
            }
        };
        Some((act, self.abbreviation_suffix(i + 1)))
    }

    /// A name from the registry: `Қылмыстық-процестік кодексінің`, `Конституциясының`.
    fn name(&self, i: usize) -> Option<(ActRef, usize)> {
        let tok = self.tok(i)?;
        if tok.kind != Kind::Word {
            return None;
        }
        let statute = |target| ActRef::Statute {
            target,
            adopted: None,
            head: None,
        };
        for name in self.scanner.registry.names_starting(tok.word()) {
            if let Some(end) = self.match_name(i, &name.words) {
                return Some((statute(name.target), end));
            }
        }
        let target = self.scanner.registry.one_word_name(tok.word())?;
        Some((statute(target), i + 1))
    }

    /// Matches the words of a name from `i`, hyphens and spaces alike; the last word by
    /// stem plus inflection.
    fn match_name(&self, i: usize, words: &[String]) -> Option<usize> {
        let mut j = i;
        for (n, w) in words.iter().enumerate() {
            if n > 0 && self.kind(j) == Some(Kind::Hyphen) {
                j += 1;
            }
            let last = n + 1 == words.len();
            if last && n > 0 {
                // `Пробация туралы Қазақстан Республикасының Заңы`
                if let Some(k) = self.qualifier(j) {
                    j = k;
                }
            }
            let tok = self.tok(j)?;
            if tok.kind != Kind::Word {
                return None;
            }
            let ok = if last {
                lexicon::is_form_of(tok.word(), w)
                    || tok
                        .word()
                        .strip_prefix(w.as_str())
                        .is_some_and(lexicon::is_russian_ending)
            } else {
                tok.word() == w
            };
            if !ok {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// `«Прокуратура туралы» Қазақстан Республикасының Заңы`, `"Прокуратура туралы"ҚРКЗ`.
    fn quoted_title(&self, i: usize) -> Option<(ActRef, usize)> {
        let open = self.tok(i)?;
        if !matches!(open.kind, Kind::OpenQuote | Kind::StraightQuote) {
            return None;
        }
        let mut first = i + 1;
        while matches!(
            self.kind(first),
            Some(Kind::OpenQuote | Kind::StraightQuote)
        ) {
            first += 1;
        }
        let mut close = first;
        while close < first + 30 {
            match self.kind(close)? {
                Kind::CloseQuote | Kind::StraightQuote => break,
                Kind::OpenQuote => return None,
                _ => close += 1,
            }
        }
        if close == first || close >= first + 30 {
            return None;
        }
        let title_text = &self.text[self.toks[first].byte_start..self.toks[close - 1].byte_end];
        let mut j = close + 1;
        let mut adopted = None;
        for _ in 0..4 {
            if let Some(k) = self.qualifier(j) {
                j = k;
            } else if let Some((d, k)) = self.date_phrase(j).filter(|_| adopted.is_none()) {
                adopted = Some(d);
                j = k;
            } else if self.tok(j).is_some_and(|t| t.text == "№") {
                j = self.skip_act_number(j + 1);
            } else {
                break;
            }
        }
        let normalized = normalize_title(title_text);
        let Some((head, end)) = self.head_at(j) else {
            // «Title» (бұдан әрі – Заң): the definition makes the quoted title an act name.
            let defines = self.is_punct(j, '(')
                && matches!(
                    (self.word(j + 1), self.word(j + 2)),
                    ("бұдан", "әрі") | ("әрі", "қарай")
                );
            let target = self
                .scanner
                .registry
                .title(&normalized)
                .filter(|_| defines)?;
            let act = ActRef::Statute {
                target,
                adopted,
                head: None,
            };
            return Some((act, j));
        };
        if !matches!(
            head,
            Head::Law | Head::ConstitutionalLaw | Head::Code | Head::Rules
        ) {
            return None;
        }
        let act = match self.scanner.registry.title(&normalized) {
            Some(target) => ActRef::Statute {
                target,
                adopted,
                head: Some(head),
            },
            // Kazakh act titles end in "туралы" ("on …"); other quoted words are not titles.
            None if normalized.ends_with("туралы") => ActRef::Unknown {
                surface: format!(
                    "«{}»",
                    title_text.split_whitespace().collect::<Vec<_>>().join(" ")
                ),
            },
            None => return None,
        };
        Some((act, end))
    }

    /// `№ 38-VІ`, `№ 155-VII`: an act number after `№`.
    fn skip_act_number(&self, mut j: usize) -> usize {
        if self.kind(j) == Some(Kind::Num) {
            j += 1;
            if self.kind(j) == Some(Kind::Hyphen)
                && self
                    .tok(j + 1)
                    .is_some_and(|t| t.kind == Kind::Word && t.text.chars().all(char::is_uppercase))
            {
                j += 2;
            }
        }
        j
    }

    /// `ҚР Бас Прокурорының 04.05.2016 № 91 (…) бұйрығымен`, `Бас Прокурорының 2017 жылғы
    /// 13 қыркүйектегі № 104 бұйрығы`: an order of the Prosecutor General, found in the
    /// registry by its number and date.
    fn order(&self, i: usize) -> Option<(ActRef, usize)> {
        if self.word(i) != "бас" || !lexicon::is_form_of(self.word(i + 1), "прокурор") {
            return None;
        }
        let (date, mut j) = self.date_phrase(i + 2)?;
        if self.tok(j).is_none_or(|t| t.text != "№") || self.kind(j + 1) != Some(Kind::Num) {
            return None;
        }
        let number = self.tok(j + 1)?.text;
        j += 2;
        // The order's title, its registration and entry into force may stand before the noun.
        let limit = j + 80;
        let mut depth = 0usize;
        while j < limit {
            let tok = self.tok(j)?;
            if tok.is_punct('(') {
                depth += 1;
            } else if tok.is_punct(')') {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && lexicon::head_noun(tok.word()) == Some(Head::Order) {
                break;
            } else if depth == 0 && (tok.is_punct('.') || tok.is_punct(';')) {
                return None;
            }
            j += 1;
        }
        if j >= limit {
            return None;
        }
        let act = match self.scanner.registry.by_number(number, date) {
            Some(target) => ActRef::Statute {
                target,
                adopted: Some(date),
                head: Some(Head::Order),
            },
            None => ActRef::Unknown {
                surface: format!(
                    "{} № {number}",
                    &self.text[self.toks[i].byte_start..self.toks[i + 1].byte_end]
                ),
            },
        };
        Some((act, j + 1))
    }

    /// A word short name the document defined: `Заңның`, `«Қағидалардың»`.
    fn alias(&self, i: usize) -> Option<(ActRef, usize, Option<String>)> {
        let mut j = i;
        let quoted = matches!(self.kind(j), Some(Kind::OpenQuote | Kind::StraightQuote));
        if quoted {
            j += 1;
        }
        let tok = self.tok(j)?;
        if tok.kind != Kind::Word || !tok.is_capitalised() {
            return None;
        }
        if self.is_adjective_zandy(j) {
            return None;
        }
        let (act, defined) = self.scanner.aliases.values().find_map(|a| match a {
            Alias::Word {
                stems,
                act,
                defined,
            } => stems
                .iter()
                .any(|s| lexicon::is_form_of(tok.word(), s))
                .then(|| (act.clone(), *defined)),
            Alias::Acronym(_) => None,
        })?;
        // `Заң` defined as one law, but another law was named by its title since: the reader
        // may well mean that one (002: "Прокуратура туралы" Заңның … then Заңның 25-бабына).
        let shadow = match &self.scanner.last_titled_law {
            Some((when, other))
                if *when >= defined
                    && !same_act(other, &act)
                    && lexicon::head_noun(tok.word()) == Some(Head::Law) =>
            {
                Some(format!(
                    "`{}` is the short name defined for one law, but another law was cited by its title after the definition",
                    tok.text
                ))
            }
            _ => None,
        };
        j += 1;
        if quoted && matches!(self.kind(j), Some(Kind::CloseQuote | Kind::StraightQuote)) {
            j += 1;
        }
        Some((act, j, shadow))
    }

    /// "Заңды" is also the adjective "legal": "Заңды күшіне енген" (entered into legal force),
    /// "Заңды тұлғалар" (legal entities). Before such a noun it is not the short name `Заң`.
    fn is_adjective_zandy(&self, i: usize) -> bool {
        const MODIFIED: [&str; 8] = [
            "күш",
            "тұлға",
            "өкіл",
            "мүдде",
            "негіз",
            "талап",
            "құқы",
            "мекен",
        ];
        // `word` is lower-cased already.
        let next = self.word(i + 1);
        self.word(i) == "заңды" && MODIFIED.iter().any(|m| next.starts_with(m))
    }

    /// `Заңның 25-бабына` with no title and no short name defined: an act is named but not
    /// which one. Only taken when units follow (`Заңда көзделген` alone is generic).
    fn bare_head(&self, i: usize) -> Option<(ActRef, usize)> {
        let tok = self.tok(i)?;
        if tok.kind != Kind::Word || !tok.is_capitalised() {
            return None;
        }
        if !matches!(lexicon::head_noun(tok.word()), Some(Head::Law | Head::Code)) {
            return None;
        }
        let mut k = i + 1;
        if self.is_punct(k, ',') {
            k += 1;
        }
        self.levels(k, None, false)?;
        let act = ActRef::Unknown {
            surface: tok.text.to_string(),
        };
        Some((act, i + 1))
    }

    /// `… бағалауды жүзеге асыру қағидаларының (бұдан әрі – «Қағидалар»)`: a short name
    /// defined for an act the registry does not know. Later `«Қағидалардың» 9-тармағы` then
    /// cites that unknown act instead of borrowing the last act named.
    fn unregistered_definition(&mut self, i: usize) -> Option<usize> {
        let tok = self.tok(i)?;
        if tok.kind != Kind::Word || lexicon::head_noun(tok.word()).is_none() {
            return None;
        }
        let defines = self.is_punct(i + 1, '(')
            && matches!(
                (self.word(i + 2), self.word(i + 3)),
                ("бұдан", "әрі") | ("әрі", "қарай")
            );
        if !defines {
            return None;
        }
        let head = lexicon::head_noun(tok.word());
        // `Осы … жөніндегі нұсқаулық (бұдан әрі – Нұсқаулық)`: the text names itself.
        let act = if self.osy_before(i) {
            ActRef::This { head }
        } else {
            ActRef::Unknown {
                surface: tok.text.to_string(),
            }
        };
        Some(self.after_act(ActMatch {
            act,
            start: i,
            end: i + 1,
            review: None,
        }))
    }

    /// Whether `осы` opens the phrase that ends at `i` (within the sentence, a few words back).
    fn osy_before(&self, i: usize) -> bool {
        for k in (i.saturating_sub(30)..i).rev() {
            let tok = &self.toks[k];
            if tok.is_punct('.') || tok.is_punct(';') || tok.is_punct(':') {
                return false;
            }
            if tok.word() == "осы" {
                return true;
            }
        }
        false
    }

    /// `(бұдан әрі – ҚК)` or `(әрі қарай - Заң)` right after an act: records the short name
    /// and returns the token after the closing parenthesis.
    fn alias_definition(&mut self, i: usize, act: &ActRef) -> Option<usize> {
        if !self.is_punct(i, '(') {
            return None;
        }
        let lead = (self.word(i + 1), self.word(i + 2));
        if !matches!(lead, ("бұдан", "әрі") | ("әрі", "қарай")) {
            return None;
        }
        let mut j = i + 3;
        if matches!(self.kind(j), Some(Kind::Dash | Kind::Hyphen)) {
            j += 1;
        }
        let mut name: Option<&str> = None;
        let mut k = j;
        while k < j + 8 {
            let tok = self.tok(k)?;
            if tok.is_punct(')') {
                break;
            }
            if tok.kind == Kind::Word && tok.text != "ҚР" {
                name = Some(tok.text);
            }
            k += 1;
        }
        let name = name?;
        if !self.is_punct(k, ')') {
            return None;
        }
        if !matches!(
            act,
            ActRef::Statute { .. } | ActRef::Unknown { .. } | ActRef::This { .. }
        ) {
            return Some(k + 1);
        }
        let acronym = name.chars().filter(|c| c.is_uppercase()).count() >= 2;
        let alias = if acronym {
            Alias::Acronym(act.clone())
        } else {
            Alias::Word {
                stems: stems_of(&name.to_lowercase()),
                act: act.clone(),
                defined: self.scanner.acts_seen,
            }
        };
        self.scanner.aliases.insert(name.to_string(), alias);
        Some(k + 1)
    }

    // ---- levels --------------------------------------------------------------------------

    /// A chain of groups from `i`, each one rank deeper. `after` is the unit the chain
    /// continues (осы баптың → Article); `after_act` allows abbreviated units (`26б. 2т.`),
    /// which are trusted only next to an act.
    fn levels(&self, i: usize, after: Option<Unit>, after_act: bool) -> Option<Chain> {
        let (first, mut j) = self.group(i, after, after_act)?;
        let mut groups = vec![first];
        loop {
            let mut k = j;
            if self.is_punct(k, ',') || self.is_punct(k, '(') {
                k += 1;
                if self.is_punct(k, '(') {
                    k += 1;
                }
            }
            let prev = groups.last().map(|g| g.unit);
            match self.group(k, prev, true) {
                Some((g, next)) => {
                    groups.push(g);
                    j = next;
                }
                None => break,
            }
        }
        Some(Chain {
            groups,
            start: i,
            end: j,
        })
    }

    /// One group: a number list and its unit word.
    fn group(&self, i: usize, prev: Option<Unit>, allow_abbrev: bool) -> Option<(Group, usize)> {
        let (items, mut j, ordinal) = self.numlist(i)?;
        if self.kind(j) == Some(Kind::Hyphen) {
            j += 1;
        }
        let tok = self.tok(j)?;
        if tok.kind != Kind::Word {
            return None;
        }
        let word = tok.word();
        let (unit, end) = match lexicon::unit_word(word) {
            Some(unit) => (unit, j + 1),
            None if prev == Some(Unit::Article) && lexicon::is_section_for_part(word) => {
                (Unit::Part, j + 1)
            }
            None => {
                let unit = lexicon::abbreviated_unit(word).filter(|_| allow_abbrev)?;
                if ordinal {
                    return None;
                }
                let mut end = j + 1;
                if self.is_punct(end, '.') {
                    end += 1;
                    // т.т. (points)
                    if self.word(end) == "т" && self.is_punct(end + 1, '.') {
                        end += 2;
                    }
                } else if self.kind(end) != Some(Kind::Num) && !self.is_punct(end, ')') {
                    return None;
                }
                if unit == Unit::Article && prev == Some(Unit::Article) {
                    (Unit::Part, end)
                } else {
                    (unit, end)
                }
            }
        };
        if let Some(p) = prev {
            // A chapter stands alone: `57, 58 тарауларда, 628-баптың …` starts a new chain.
            if p == Unit::Chapter || unit == Unit::Chapter || unit.rank() <= p.rank() {
                return None;
            }
        }
        // `99-бап. Title`, `1 тарау.`: a heading, not a citation.
        if matches!(word, "бап" | "тарау") && self.is_punct(end, '.') {
            return None;
        }
        if ordinal && unit == Unit::Point {
            return None;
        }
        Some((Group { unit, items }, end))
    }

    /// `11, 18`, `2 және 3`, `8) және 9)`, `екінші және үшінші`. Returns the items, the
    /// token after them and whether they are ordinal words.
    fn numlist(&self, i: usize) -> Option<(Vec<Item>, usize, bool)> {
        let (first, mut j) = self.item(i)?;
        let ordinal = self.kind(i) == Some(Kind::Word);
        let mut items = vec![first];
        while items.len() < MAX_LIST {
            let sep = self.is_punct(j, ',') || lexicon::is_list_conjunction(self.word(j));
            if !sep {
                break;
            }
            match self.item(j + 1) {
                Some((item, next)) if (self.kind(j + 1) == Some(Kind::Word)) == ordinal => {
                    items.push(item);
                    j = next;
                }
                _ => break,
            }
        }
        Some((items, j, ordinal))
    }

    /// `302-1` (inserted), `7-10` (range), `3–8` (range), `4)`, `бірінші`.
    fn item(&self, i: usize) -> Option<(Item, usize)> {
        let tok = self.tok(i)?;
        if tok.kind == Kind::Word {
            let n = lexicon::ordinal(tok.word())?;
            let item = Item {
                value: n.to_string(),
                through: None,
                start: i,
                end: i + 1,
            };
            return Some((item, i + 1));
        }
        if tok.kind != Kind::Num || tok.text.len() > 4 {
            return None;
        }
        // A number glued to a preceding letter or digit run is not a citation number.
        if i > 0 && !tok.space_before && self.kind(i - 1) == Some(Kind::Word) {
            return None;
        }
        let first: u32 = tok.text.parse().unwrap_or(0);
        let mut value = tok.text.to_string();
        let mut through = None;
        let mut j = i + 1;
        while through.is_none()
            && matches!(self.kind(j), Some(Kind::Hyphen | Kind::Dash))
            && self
                .tok(j + 1)
                .is_some_and(|t| t.kind == Kind::Num && t.text.len() <= 4)
        {
            let next = self.toks[j + 1].text;
            let n: u32 = next.parse().unwrap_or(0);
            let dash = self.kind(j) == Some(Kind::Dash);
            if dash || (n > first && !value.contains('-')) {
                // 7-10, 3–8: a range (an inserted unit's number is smaller: 302-1, 25-2)
                through = Some(next.to_string());
            } else if value.contains('-') {
                break;
            } else {
                value.push('-');
                value.push_str(next);
            }
            j += 2;
        }
        if self.is_punct(j, ')') {
            j += 1;
        }
        let item = Item {
            value,
            through,
            start: i,
            end: j,
        };
        Some((item, j))
    }

    /// After a chain, more chains under the same act: `158-баптың 8-бөлігінде, 165-баптың …`,
    /// `669-бабында және 33-тарауының`.
    fn distribute(&mut self, mut end: usize, act: &ActRef, inherited: bool) -> usize {
        loop {
            let mut k = end;
            if self.is_punct(k, ',') || self.is_punct(k, ';') {
                k += 1;
            }
            if lexicon::is_list_conjunction(self.word(k)) {
                k += 1;
            }
            if self.word(k) == "сондай" && self.word(k + 2) == "ақ" {
                k += 3;
            }
            if k == end {
                return end;
            }
            let Some(chain) = self.levels(k, None, false) else {
                return end;
            };
            if !matches!(chain.groups[0].unit, Unit::Article | Unit::Chapter) {
                return end;
            }
            end = self.emit_chain(&chain, chain.start, act, inherited, false);
        }
    }

    /// Emits one citation per combination of list items; returns the token after the chain.
    fn emit_chain(
        &mut self,
        chain: &Chain,
        start: usize,
        act: &ActRef,
        inherited: bool,
        this_article: bool,
    ) -> usize {
        let mut picks = vec![0usize; chain.groups.len()];
        let mut emitted = 0;
        loop {
            let all_first = picks.iter().all(|&p| p == 0);
            let all_last = picks
                .iter()
                .zip(&chain.groups)
                .all(|(&p, g)| p + 1 == g.items.len());
            let from = if all_first {
                start
            } else {
                let g = picks.iter().position(|&p| p != 0).unwrap_or(0);
                chain.groups[g].items[picks[g]].start
            };
            let to = if all_last {
                chain.end
            } else {
                let g = picks
                    .iter()
                    .zip(&chain.groups)
                    .rposition(|(&p, g)| p + 1 != g.items.len())
                    .unwrap_or(0);
                chain.groups[g].items[picks[g]].end
            };
            let groups = &chain.groups;
            let picked: Vec<(Unit, Item)> = groups
                .iter()
                .zip(&picks)
                .map(|(g, &p)| (g.unit, g.items[p].clone()))
                .collect();
            let upper = self.upper.clone();
            self.push(from, to, act.clone(), |c| {
                for (unit, value) in upper {
                    c.set(unit, value);
                }
                for (n, (unit, item)) in picked.iter().enumerate() {
                    c.set(*unit, item.value.clone());
                    if n + 1 == picked.len() {
                        c.through = item.through.clone();
                    }
                }
                c.inherited = inherited;
                c.this_article = this_article;
            });
            emitted += 1;
            // next combination (odometer), deepest group fastest
            let mut g = picks.len();
            loop {
                if g == 0 || emitted >= MAX_LIST {
                    self.last_end = chain.end;
                    return chain.end;
                }
                g -= 1;
                picks[g] += 1;
                if picks[g] < chain.groups[g].items.len() {
                    break;
                }
                picks[g] = 0;
            }
        }
    }

    fn push(&mut self, from: usize, to: usize, act: ActRef, fill: impl FnOnce(&mut Citation)) {
        // Lists at several levels (`1, 2-баптарының 1, 2-бөліктері`) can put the item that
        // starts a combination after the one that ends it: the span is then that one item.
        let to = to.max(from + 1);
        let (Some(first), Some(last)) = (self.toks.get(from), self.toks.get(to - 1)) else {
            return;
        };
        let mut c = Citation {
            start: first.start,
            end: last.end,
            byte_start: first.byte_start,
            byte_end: last.byte_end,
            text: self.text[first.byte_start..last.byte_end].to_string(),
            act,
            chapter: None,
            article: None,
            part: None,
            point: None,
            subpoint: None,
            through: None,
            this_article: false,
            quoted: first.quoted,
            inherited: false,
            review: self.review.clone(),
        };
        fill(&mut c);
        self.out.push(c);
    }
}

/// How many words after an act name another jurisdiction: `Казахской ССР`, `Российской
/// Федерации`, `РФ`.
fn foreign_jurisdiction(first: &str, second: &str) -> usize {
    match (first, second) {
        ("казахской" | "казақ", "сср") => 2,
        ("российской", "федерации") => 2,
        ("рф" | "рсфср" | "ссср" | "сср" | "ксср", _) => 1,
        _ => 0,
    }
}

/// Whether two act references name the same statute (editions and head nouns aside).
fn same_act(a: &ActRef, b: &ActRef) -> bool {
    match (a, b) {
        (ActRef::Statute { target: x, .. }, ActRef::Statute { target: y, .. }) => {
            x.statute == y.statute
        }
        _ => a == b,
    }
}

/// A word that makes the act after it a foreign one (`Ресей Федерациясының … кодексі`).
fn is_foreign(word: &str) -> bool {
    lexicon::is_form_of(word, "федерация")
        || lexicon::is_form_of(word, "ресей")
        || matches!(word, "рф" | "ссср" | "сср" | "кср")
}

/// The stems a defined short name is matched by: the word without a plural ending, and its
/// alternated form before a vowel (`Нұсқаулық` → нұсқаулық, нұсқаулығ).
fn stems_of(word: &str) -> Vec<String> {
    let mut base = word.to_string();
    for p in ["лар", "лер", "дар", "дер", "тар", "тер"] {
        if let Some(s) = word.strip_suffix(p) {
            if s.chars().count() >= 3 {
                base = s.to_string();
            }
        }
    }
    let mut stems = vec![base.clone()];
    let alternated = match base.chars().last() {
        Some('қ') => Some('ғ'),
        Some('к') => Some('г'),
        Some('п') => Some('б'),
        _ => None,
    };
    if let Some(c) = alternated {
        let mut s = base.clone();
        s.pop();
        s.push(c);
        stems.push(s);
    }
    stems
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const REGISTRY: &str = r#"
statutes:
  - key: enforcement
    kind: law
    title: {kk: Атқарушылық іс жүргізу туралы}
    titles: [Атқарушылық іс жүргізу туралы]
    editions: [{key: enforcement-2010, adopted: 2010-04-02}]
  - key: prokuratura
    kind: law
    title: {kk: Прокуратура туралы}
    titles: [Прокуратура туралы]
    editions: [{key: prokuratura-1995, adopted: 1995-12-21}]
"#;

    fn registry() -> Registry {
        Registry::parse(REGISTRY, Path::new("statutes.yaml")).expect("registry")
    }

    fn statute(c: &Citation) -> Option<usize> {
        match &c.act {
            ActRef::Statute { target, .. } => Some(target.statute),
            _ => None,
        }
    }

    #[test]
    fn short_names_outlive_the_text_that_defines_them() {
        let registry = registry();
        let mut scanner = Scanner::new(&registry);
        scanner.scan("«Атқарушылық іс жүргізу туралы» Заң (бұдан әрі – Заң) қолданылады.");
        let later = scanner.scan("Заңның 9-бабында көзделген");
        assert_eq!(later.len(), 1);
        assert_eq!(statute(&later[0]), Some(0));
        assert_eq!(later[0].article.as_deref(), Some("9"));
        assert_eq!(later[0].review, None);
        // Another law named by its title since: the short name is flagged for review.
        scanner.scan("«Прокуратура туралы» Заңның 22-бабы");
        let flagged = scanner.scan("Заңның 25-бабына сәйкес");
        assert_eq!(statute(&flagged[0]), Some(0));
        assert!(flagged[0].review.is_some());
    }

    #[test]
    fn anaphora_stays_inside_one_text() {
        let registry = registry();
        let mut scanner = Scanner::new(&registry);
        let first = scanner.scan("«Прокуратура туралы» Заңның 6-бабы. (6-баптың 4-тармағы)");
        assert_eq!(first.len(), 2);
        assert!(first[1].inherited);
        assert_eq!(statute(&first[1]), Some(1));
        let next = scanner.scan("(6-баптың 5-тармағы)");
        assert_eq!(next[0].act, ActRef::Context);
    }

    #[test]
    fn quoted_osy_is_marked_quoted() {
        let registry = registry();
        let found = Scanner::new(&registry)
            .scan("«13-1) осы Кодекстің 55-бабы негізінде»; осы Заңның 2-бабы");
        assert_eq!(found.len(), 2);
        assert!(found[0].quoted);
        assert!(!found[1].quoted);
        assert!(matches!(
            found[1].act,
            ActRef::This {
                head: Some(Head::Law)
            }
        ));
    }
}
