//! Why part of a link could not be used, said in Swedish and English.

use crate::Lang;

/// Why a parameter of a link could not be used; [`NoticeReason::text`] says it in either
/// language (an exhaustive match: a new reason without its texts does not compile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoticeReason {
    /// unknown parameter
    UnknownParameter,
    /// unknown indicator
    UnknownIndicator,
    /// not an indicator id
    NotAnIndicatorId,
    /// not a municipality code
    NotAMunicipalityCode,
    /// too many municipalities selected
    TooManyMunicipalities,
    /// not a group (network or lanNN)
    NotAGroup,
    /// year range is not FROM-TO
    NotAYearRange,
    /// not a year
    NotAYear,
    /// base year is not a year
    BaseYearNotAYear,
    /// unknown view
    UnknownView,
    /// scope is neither network nor sweden
    UnknownScope,
    /// language is neither sv nor en
    UnknownLanguage,
    /// measure is neither value nor index
    UnknownMeasure,
    /// an index needs a base year (b=YYYY)
    IndexWithoutBase,
    /// embed is neither 1 nor 0
    UnknownEmbed,
    /// theme is neither light nor dark
    UnknownTheme,
    /// a rate is not shown as an index (changes are in percentage points)
    RateNotIndexed,
    /// not a data version (8 hex digits)
    NotADataVersion,
    /// the link was made on other data than the page shows
    OtherDataVersion,
    /// a well-formed code that is no municipality of the code list
    UnknownMunicipality,
    /// a county number that is no county
    UnknownCounty,
    /// the indicator has no figures for that year: its latest year is shown
    YearNotInData,
    /// the years asked for go beyond the indicator's: narrowed to the years it has
    YearsNotInData,
    /// the indicator has no figures for the base year: shown as values
    BaseYearNotInData,
    /// the indicator has one year only: shown as a ranking
    SingleYear,
    /// a slide of the deck whose view cannot be read: left out
    UnusableSlide,
    /// not a slide's number
    NotASlide,
}

impl NoticeReason {
    pub fn text(self, lang: Lang) -> &'static str {
        let (sv, en) = match self {
            NoticeReason::UnknownParameter => ("okänd parameter", "unknown parameter"),
            NoticeReason::UnknownIndicator => ("okänd indikator", "unknown indicator"),
            NoticeReason::NotAnIndicatorId => ("inte ett indikator-id", "not an indicator id"),
            NoticeReason::NotAMunicipalityCode => ("inte en kommunkod", "not a municipality code"),
            NoticeReason::TooManyMunicipalities => (
                "för många kommuner valda",
                "too many municipalities selected",
            ),
            NoticeReason::NotAGroup => (
                "inte en grupp (network eller lanNN)",
                "not a group (network or lanNN)",
            ),
            NoticeReason::NotAYearRange => (
                "årsintervallet är inte FRÅN-TILL",
                "year range is not FROM-TO",
            ),
            NoticeReason::NotAYear => ("inte ett år", "not a year"),
            NoticeReason::BaseYearNotAYear => ("basåret är inte ett år", "base year is not a year"),
            NoticeReason::UnknownView => ("okänd vy", "unknown view"),
            NoticeReason::UnknownScope => (
                "urvalet är varken network eller sweden",
                "scope is neither network nor sweden",
            ),
            NoticeReason::UnknownLanguage => (
                "språket är varken sv eller en",
                "language is neither sv nor en",
            ),
            NoticeReason::UnknownMeasure => (
                "måttet är varken value eller index",
                "measure is neither value nor index",
            ),
            NoticeReason::IndexWithoutBase => (
                "ett index behöver ett basår (b=ÅÅÅÅ)",
                "an index needs a base year (b=YYYY)",
            ),
            NoticeReason::UnknownEmbed => ("embed är varken 1 eller 0", "embed is neither 1 nor 0"),
            NoticeReason::UnknownTheme => (
                "temat är varken light eller dark",
                "theme is neither light nor dark",
            ),
            NoticeReason::RateNotIndexed => (
                "en andel visas inte som index (förändringar anges i procentenheter)",
                "a rate is not shown as an index (changes are in percentage points)",
            ),
            NoticeReason::UnknownMunicipality => (
                "ingen kommun har den koden",
                "no municipality has that code",
            ),
            NoticeReason::UnknownCounty => {
                ("inget län har det numret", "no county has that number")
            }
            NoticeReason::YearNotInData => (
                "indikatorn har inga siffror det året; det senaste året visas",
                "the indicator has no figures that year; its latest year is shown",
            ),
            NoticeReason::YearsNotInData => (
                "indikatorn har inte alla de åren; de år den har visas",
                "the indicator does not have all of those years; the years it has are shown",
            ),
            NoticeReason::BaseYearNotInData => (
                "indikatorn har inga siffror basåret; värdena visas i stället för ett index",
                "the indicator has no figures for the base year; values are shown instead of an index",
            ),
            NoticeReason::SingleYear => (
                "indikatorn har bara ett år; den visas som rangordning",
                "the indicator has one year only; it is shown as a ranking",
            ),
            NoticeReason::UnusableSlide => (
                "en bild i presentationen har en vy som inte kan visas; den är borttagen",
                "a slide of the presentation has a view that cannot be shown; it is left out",
            ),
            NoticeReason::NotASlide => (
                "inte ett bildnummer i presentationen",
                "not a slide number of the presentation",
            ),
            NoticeReason::NotADataVersion => (
                "inte en dataversion (8 hexadecimala tecken)",
                "not a data version (8 hexadecimal digits)",
            ),
            NoticeReason::OtherDataVersion => (
                "länken gjordes på andra data än sidan visar nu: siffror kan ha reviderats eller tillkommit (dataversionen står längst ned)",
                "the link was made on other data than the page shows now: figures may have been revised or added (the data version is at the bottom)",
            ),
        };
        match lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

impl std::fmt::Display for NoticeReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text(Lang::En))
    }
}

/// A parameter that could not be used, for the notice shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryNotice {
    pub param: String,
    pub value: String,
    pub reason: NoticeReason,
}
