"""Give the fixed words of the outputs (headings, column names) in English and Kazakh.

The scenario's own labels come from the Plan; only the words the outputs add
themselves live here, so that a Kazakh sheet has no English heading.
"""

from __future__ import annotations

LANGUAGES = ("en", "kk")

_WORDS = {
    "en": {
        "runsheet": "Run-sheet", "timeline": "Timeline", "calendar": "Calendar", "diagrams": "Diagrams",
        "flow": "Flow of the program", "meetings": "Who meets whom where", "outputs": "Outputs",
        "master": "Master", "role": "Role", "venue": "Venue", "pocket": "Pocket card",
        "cue": "Cue", "time": "Time", "dur": "Dur.", "action": "Action", "place": "Place", "lead": "Lead",
        "participants": "Participants", "trigger": "Cue / trigger", "notes": "Notes",
        "contingency": "Contingency", "citation": "Citation", "done": "Done",
        "fixed": "fixed time", "from_arrival": "from arrival", "min": "min", "until": "until", "end": "End",
        "standby": "stand-by", "day": "Day", "date": "Date", "time_zone": "Time zone",
        "revision": "Revision", "draft": "Draft", "edition": "Edition applied", "view": "View",
        "page": "Page", "of": "of", "tzdata": "time-zone data",
        "contingencies": "Contingencies", "if": "If", "if_not": "If not", "yes": "yes", "no": "no",
        "see": "see", "only_if": "only if", "otherwise": "otherwise", "unknown": "not known yet",
        "nothing_extra": "no row is added or dropped",
        "checklist": "To agree with the guest's side", "settled_by": "Settled by", "agreed": "Agreed",
        "nothing_to_agree": "Nothing is left to agree.", "item": "Item", "value": "Value",
        "deviations": "Deviations from the rules", "target": "Rule or step", "change": "Change",
        "reason": "Reason", "authority": "Authorized by", "no_deviations": "The program follows the rules.",
        "deviation": "Deviation", "changes": "Changes", "changes_since": "Changes since the previous revision",
        "added": "added", "removed": "removed", "changed": "changed", "no_changes": "No row changed.",
        "field": "What", "before": "Before", "after": "Now", "responsible": "Responsible",
        "order": "Order", "documents": "Documents", "track": "Track", "main_track": "Main program",
        "unassigned": "No one named", "principal": "Principal", "program": "Program",
        "weekdays": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "arrival": "Arrival", "departure": "Departure", "all_roles": "Everyone",
        "spouse": {"male": "Spouse", "female": "Spouse", None: "Spouse"},
        "settled": {"agreement": "By agreement", "request": "At the guest's request"},
        "positions": {"first": "first", "last": "last", "middle": "in the middle"},
        "applies_to": "Rows", "not_in_program": "not in the program", "steps": "Steps",
        "deviation_legend": "deviation from the rules, see their list",
        "language": "English", "built_from": "Built from the plan of",
        "estimated": "estimated: the step has no duration of its own (an equal share of its ceremony's time)",
        "what_to_agree": "What to agree", "condition": "Condition",
        "arrangements": "Arrangements", "arrangement": "Arrangement",
        "arrangements_intro": "What the rules require, allow or forbid for this visit besides the ceremonies "
                              "of the program.",
        "modalities": {"shall": "To provide", "may": "May be provided", "shall not": "Not to be used"},
        "kinds": {"unit": "unit", "state symbol": "state symbol", "role": "role"},
        "in_program": "has a part in the program",
        "no_arrangements": "The rules ask for nothing beyond the ceremonies of the program.",
        "on_behalf_of": "Received on behalf of: {}", "always": "—", "order_condition": ", {}",
        "fields": {"time": "time", "end": "end", "duration": "duration", "place": "place", "lead": "lead",
                   "participants": "participants", "action": "action", "trigger": "cue / trigger",
                   "notes": "notes", "condition": "condition", "citation": "citation", "details": "details",
                   "orderings": "order", "fixed": "fixed time", "track": "track", "responsible": "responsible"},
    },
    "kk": {
        "runsheet": "Өткізу кестесі", "timeline": "Уақыт кестесі", "calendar": "Күнтізбе", "diagrams": "Сызбалар",
        "flow": "Бағдарлама барысы", "meetings": "Кім кіммен қайда кездеседі", "outputs": "Құжаттар",
        "master": "Толық нұсқа", "role": "Рөл", "venue": "Өтетін орын", "pocket": "Қалта карточкасы",
        "cue": "Код", "time": "Уақыты", "dur": "Ұзақт.", "action": "Іс-қимыл", "place": "Орны",
        "lead": "Жауапты", "participants": "Қатысушылар", "trigger": "Бастау белгісі", "notes": "Ескертпелер",
        "contingency": "Балама", "citation": "Негіздеме", "done": "✓",
        "fixed": "белгіленген уақыт", "from_arrival": "келгеннен бастап", "min": "мин", "until": "дейін", "end": "Аяқт.",
        "standby": "дайын тұру", "day": "күн", "date": "Күні", "time_zone": "Уақыт белдеуі",
        "revision": "Нұсқа", "draft": "Жоба", "edition": "Қолданылған редакция", "view": "Нұсқасы",
        "page": "Бет", "of": "/", "tzdata": "уақыт белдеулері дерекқоры",
        "contingencies": "Балама жоспарлар", "if": "Егер", "if_not": "Егер болмаса", "yes": "иә", "no": "жоқ",
        "see": "қараңыз", "only_if": "тек егер", "otherwise": "әйтпесе", "unknown": "әлі белгісіз",
        "nothing_extra": "бағдарлама өзгермейді",
        "checklist": "Мейман тарапымен келісілетін мәселелер", "settled_by": "Шешу тәсілі",
        "agreed": "Келісілді", "nothing_to_agree": "Келісілетін мәселе қалған жоқ.", "item": "Мәселе",
        "value": "Мәні", "deviations": "Ережеден ауытқулар", "target": "Ереже немесе кезең", "change": "Өзгеріс",
        "reason": "Себебі", "authority": "Шешім қабылдаған", "no_deviations": "Бағдарлама ережеге сай.",
        "deviation": "Ауытқу", "changes": "Өзгерістер", "changes_since": "Алдыңғы нұсқадан бергі өзгерістер",
        "added": "қосылды", "removed": "алынды", "changed": "өзгерді", "no_changes": "Ешбір жол өзгерген жоқ.",
        "field": "Не", "before": "Бұрын", "after": "Қазір", "responsible": "Жауапты қызмет",
        "order": "Реті", "documents": "Құжаттар", "track": "Бағдарлама", "main_track": "Негізгі бағдарлама",
        "unassigned": "Ешкім аталмаған", "principal": "Басты мейман", "program": "Бағдарлама",
        "weekdays": ("дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі"),
        "arrival": "Келуі", "departure": "Кетуі", "all_roles": "Барлығы",
        # Kazakh names a husband and a wife differently: жұбайы, зайыбы.
        "spouse": {"male": "Жұбайы", "female": "Зайыбы", None: "Зайыбы (жұбайы)"},
        "settled": {"agreement": "Келісім бойынша", "request": "Мейманның өтініші бойынша"},
        "positions": {"first": "бірінші", "last": "соңғы", "middle": "ортада"},
        "applies_to": "Жолдар", "not_in_program": "бағдарламада жоқ", "steps": "Кезеңдері",
        "deviation_legend": "ережеден ауытқу, тізімін қараңыз",
        "language": "Қазақша", "built_from": "Жоспар негізінде жасалды:",
        "estimated": "шамамен: кезеңнің өз ұзақтығы жоқ (рәсім уақытының тең үлесі берілді)",
        "what_to_agree": "Келісілетін мәселе", "condition": "Шарты",
        "arrangements": "Ұйымдастыру шаралары", "arrangement": "Шара",
        "arrangements_intro": "Бағдарлама рәсімдерінен бөлек, ережелер осы сапар үшін талап ететін, рұқсат "
                              "ететін немесе тыйым салатын шаралар.",
        "modalities": {"shall": "Қамтамасыз етілсін", "may": "Қамтамасыз етілуі мүмкін",
                       "shall not": "Қолданылмайды"},
        "kinds": {"unit": "бөлімше", "state symbol": "мемлекеттік рәміз", "role": "рөл"},
        "in_program": "бағдарламада көзделген",
        "no_arrangements": "Бағдарламадағы рәсімдерден басқа ережелер ештеңе талап етпейді.",
        "on_behalf_of": "{} атынан қабылданады", "always": "—", "order_condition": " ({})",
        "fields": {"time": "уақыты", "end": "аяқталуы", "duration": "ұзақтығы", "place": "орны",
                   "lead": "жауапты", "participants": "қатысушылар", "action": "іс-қимыл",
                   "trigger": "бастау белгісі", "notes": "ескертпелер", "condition": "шарты",
                   "citation": "негіздеме", "details": "құжаттар", "orderings": "реті",
                   "fixed": "белгіленген уақыт", "track": "бағдарлама", "responsible": "жауапты қызмет"},
    },
}


def words(lang: str) -> dict:
    """Return the fixed words of the outputs in `lang` ("en" or "kk")."""
    return _WORDS[lang]
