import datetime as dt

import pytest

from helpers.drafting.timex import tag
from helpers.evaluation.scoring import PRF, match_pairs, timex_scores

REF = dt.date(1998, 8, 7)  # a Friday


@pytest.mark.parametrize("text, value, ttype", [
    ("They met on Aug. 8, 2025.", "2025-08-08", "DATE"),
    ("The vote is set for March 12.", "1999-03-12", "DATE"),
    ("Officials said Thursday the talks failed.", "1998-08-06", "DATE"),
    ("The talks will resume Monday.", "1998-08-10", "DATE"),
    ("Sales rose 5% last year.", "1997", "DATE"),
    ("He has led the party for three years.", "P3Y", "DURATION"),
    ("Agree within 10 or 12 days.", "P12D", "DURATION"),
    ("It happened two weeks ago.", "1998-W30", "DATE"),
    ("Prices are rising now.", "PRESENT_REF", "DATE"),
    ("Profits fell in the third quarter.", "1998-Q3", "DATE"),
    ("Rates are reviewed annually.", "P1Y", "SET"),
    ("The 1990s were calmer.", "199", "DATE"),
])
def test_normalises_against_the_reference_date(text, value, ttype):
    ref = dt.date(1999, 2, 16) if "March 12" in text else REF
    found = tag(text, ref)
    assert found, text
    assert (found[0].value, found[0].type) == (value, ttype)


def test_offsets_are_the_text():
    text = "On Friday, and again on Aug. 10, they met."
    for t in tag(text, REF):
        assert text[t.start:t.end] == t.text


def test_scores():
    class T:
        def __init__(self, s, e, v):
            self.start, self.end, self.value = s, e, v
    gold = [T(0, 5, "a"), T(10, 15, "b")]
    sys_ = [T(0, 5, "a"), T(11, 15, "x"), T(20, 25, "c")]
    s = timex_scores(gold, sys_)
    assert (s["relaxed"].tp_sys, s["strict"].tp_sys, s["value"].tp_sys) == (2, 1, 1)
    assert round(s["relaxed"].precision, 3) == 0.667 and s["relaxed"].recall == 1.0
    assert match_pairs([(0, 10)], [(0, 4), (2, 9)]) == [(0, 1)]
    total = PRF()
    total += s["value"]
    assert total.n_sys == 3


@pytest.mark.parametrize("text, span, value", [
    ("The council voted on Tuesday to close the pool.", "Tuesday", "1998-08-04"),
    ("Ticket sales doubled in the past three weeks.", "the past three weeks", "P3W"),
    ("Turnover grew over the last two years.", "the last two years", "P2Y"),
    ("Margins held up in the nine months before the merger.", "the nine months", "P9M"),
    ("The ferry was delayed about four hours.", "four hours", "PT4H"),
    ("The bridge reopened three days later.", "three days", "P3D"),
    ("She moved abroad a month after the wedding.", "a month", "P1M"),
    ("Robots may do this work in the future.", "the future", "FUTURE_REF"),
    ("The mayor is busy right now.", "now", "PRESENT_REF"),
    ("Attendance rose the following year.", "the following year", "1999"),
    ("The shop was closed late yesterday.", "late yesterday", "1998-08-06"),
    ("The shop closes later today.", "today", "1998-08-07"),
    ("The club met the previous Tuesday.", "the previous Tuesday", "1998-08-04"),
])
def test_spans_follow_timeml(text, span, value):
    found = tag(text, REF)
    assert [(t.text, t.value) for t in found] == [(span, value)], text


def test_a_year_earlier_is_a_date():
    assert [(t.text, t.value) for t in tag("Output was flat compared with a year earlier.", REF)] == \
        [("a year earlier", "1997")]


def test_weekday_with_part_of_day_keeps_it_in_the_span():
    found = tag("The storm hit on Wednesday night.", REF)
    assert [(t.text, t.value) for t in found] == [("Wednesday night", "1998-08-05")]


@pytest.mark.parametrize("text, expected", [
    ("Polling stations shut at 16:00 UTC on Friday.",
     [("16:00 UTC", "1998-08-07T16:00"), ("Friday", "1998-08-07")]),
    ("The ferry docked at 6:40 p.m. (GMT +8).", [("6:40 p.m.", "1998-08-07T18:40")]),
    ("The gates opened at 9 a.m. Tuesday.", [("9 a.m. Tuesday", "1998-08-04T09:00")]),
    ("Bids are due by noon Thursday.", [("noon Thursday", "1998-08-13T12:00")]),
    ("The lorry crashed at 4 a.m. EDT Wednesday.", [("4 a.m. EDT Wednesday", "1998-08-05T04:00")]),
    ("The alarm rang at 7:15 p.m. yesterday.", [("7:15 p.m. yesterday", "1998-08-06T19:15")]),
])
def test_clock_times_take_their_zone_and_day(text, expected):
    found = tag(text, REF)
    assert [(t.text, t.value) for t in found] == expected
    assert all(t.type == "TIME" for t in found if ":" in t.value)


@pytest.mark.parametrize("text, value", [
    ("The bonus is payable Jan. 2.", "2027-01-02"),
    ("Sales fell in March.", "2026-03"),
    ("In February, the firm bought a rival.", "2026-02"),
    ("The ferry may sail as soon as Tuesday.", "2026-12-01"),
    ("The band planned to tour on Saturday.", "2026-11-28"),
])
def test_year_less_dates_seen_from_late_in_the_year(text, value):
    assert [t.value for t in tag(text, dt.date(2026, 11, 25))] == [value]


@pytest.mark.parametrize("text, span, value", [
    ("Profit doubled in the third quarter.", "the third quarter", "1998-Q3"),
    ("The bakery's third-quarter profit doubled.", "third-quarter", "1998-Q3"),
    ("Losses narrowed in the fiscal first quarter.", "the fiscal first quarter", "1998-Q1"),
    ("Sales beat last year's quarter.", "last year's quarter", "1997-Q2"),
    ("Sales fell in this year's second quarter.", "this year's second quarter", "1998-Q2"),
    ("Sales fell in the 1996 second quarter.", "the 1996 second quarter", "1996-Q2"),
    ("The mill closed in June last year.", "June last year", "1997-06"),
])
def test_quarters_and_months_with_their_year(text, span, value):
    assert [(t.text, t.value) for t in tag(text, REF)] == [(span, value)]


@pytest.mark.parametrize("text, expected", [
    ("The dam was finished in nineteen fifty-two.", [("nineteen fifty-two", "1952")]),
    ("The games return in the year two thousand eight.", [("the year two thousand eight", "2008")]),
    ("The stall sold two thousand pies.", []),
    ("Crowds joined the March for Clean Air.", []),
    ("The mayor sought a second term.", []),
    ("The party daily Morning Star praised him.", []),
    ("The ferry sails daily.", [("daily", "P1D")]),
    ("Revenue for the full year fell.", [("the full year", "1998")]),
])
def test_spelled_years_and_look_alikes(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


def test_moving_holidays_fall_in_the_year_the_sentence_points_to():
    ref = dt.date(2026, 1, 7)
    assert [t.value for t in tag("The kitten was found on Thanksgiving Day.", ref)] == ["2025-11-27"]
    assert [t.value for t in tag("The pool closed on Labor Day.", ref)] == ["2025-09-01"]
    assert [t.value for t in tag("The parade will pass on Memorial Day.", ref)] == ["2026-05-25"]


@pytest.mark.parametrize("text, value", [
    ("The smaller dividend is payable Feb. 3.", "2027-02-03"),
    ("The new rule takes hold, effective March 1.", "2027-03-01"),
    ("In January, the club bought a field it will sell.", "2026-01"),
    ("The club, which was founded in 1990, will hold a vote in March.", "2027-03"),
])
def test_year_less_dates_follow_the_nearest_verb(text, value):
    found = [t for t in tag(text, dt.date(2026, 10, 30)) if t.text != "1990"]
    assert [t.value for t in found] == [value]


@pytest.mark.parametrize("text, expected", [
    ("The tender will close at 5 p.m. EST, Nov. 9.", [("5 p.m. EST, Nov. 9", "1998-11-09T17:00")]),
    ("The debate lasted 5 1/2 hours.", [("5 1/2 hours", "PT5H30M")]),
    ("The repairs took 2 1/2 years.", [("2 1/2 years", "P2Y6M")]),
    ("The trek took 1 1/2 weeks.", [("1 1/2 weeks", "P10D")]),
])
def test_clock_with_a_date_and_fractions(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


def test_and_a_half():
    assert [t.value for t in tag("The strike lasted one and a half years.", REF)] == ["P1Y6M"]


@pytest.mark.parametrize("text, expected", [
    ("The queue moved after a minute and a half.", [("a minute and a half", "PT1M30S")]),
    ("The mill opened in March nineteen eighty-one.", [("March nineteen eighty-one", "1981-03")]),
    ("Snow fell in the winter of nineteen seventy-eight.",
     [("the winter of nineteen seventy-eight", "1978-WI")]),
    ("The feud lasted two decades.", [("two decades", "P20Y")]),
])
def test_half_units_spelled_years_and_decades(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The choir rehearses each Thursday.", [("each Thursday", "SET", "XXXX-WXX-4")]),
    ("Fares may rise in the coming months.", [("the coming months", "DATE", "FUTURE_REF")]),
    ("Queues grew in recent weeks.", [("recent weeks", "DURATION", "PXW")]),
])
def test_sets_and_plural_relative_units(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("text, expected", [
    ("In the year-ago third quarter, the brewery lost money.", [("the year-ago third quarter", "1997-Q3")]),
    ("For the quarter a year ago, the brewery lost money.", [("the quarter a year ago", "1997-Q2")]),
])
def test_quarters_a_year_back(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


def test_a_day_after_a_bracketed_zone_dates_the_clock_time():
    found = tag("The blast came at 10:35 a.m. (0735 GMT) Thursday, police said.", REF)
    assert [(t.text, t.value) for t in found] == [("10:35 a.m.", "1998-08-06T10:35"),
                                                  ("Thursday", "1998-08-06")]


@pytest.mark.parametrize("text, expected", [
    ("The barn burned last Oct. 23.", [("Oct. 23", "2000-10-23")]),
    ("The fair reopens next Sept. 3.", [("Sept. 3", "2002-09-03")]),
    ("The trial will start the week of March 6.", [("the week of March 6", "2002-W10")]),
    ("The calf was born in late March.", [("late March", "2001-03")]),
])
def test_last_next_and_week_of_a_date(text, expected):
    assert [(t.text, t.value) for t in tag(text, dt.date(2001, 9, 24))] == expected


def test_a_long_text_gives_each_paragraph_its_own_spans():
    para = "On Friday the board met for three hours, and it will meet again next Tuesday at 9 a.m.\n"
    one = [(t.start, t.end, t.value) for t in tag(para, REF)]
    many = [(t.start, t.end, t.value) for t in tag(para * 200, REF)]
    assert len(one) == 4
    assert many == [(s + i * len(para), e + i * len(para), v) for i in range(200) for s, e, v in one]


@pytest.mark.parametrize("text, expected", [
    ("For the year ended June 30, the mill earned more.",
     [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "1998-06-30")]),
    ("Sales for the year were flat.", [("the year", "DATE", "1998")]),
    ("Sales dipped late in the year.", [("late in the year", "DATE", "1998")]),
    ("The plant should be busy by the end of the year.", [("the end of the year", "DATE", "1998")]),
    ("Costs rose in the current fiscal year.", [("the current fiscal year", "DATE", "1998")]),
    ("The sale should close around year end.", [("around year end", "DATE", "1998")]),
    ("The index is up 4% since year-end.", [("year-end", "DATE", "1997")]),
    ("Year-end bonuses were cut.", []),
    ("The Player of the Year was named.", []),
    ("Profit doubled from the year before.", []),
])
def test_the_year_and_year_end(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The shop was robbed on Wednesday evening.", [("Wednesday evening", "TIME", "1998-08-05TEV")]),
    ("The band played Thursday afternoon.", [("Thursday afternoon", "TIME", "1998-08-06TAF")]),
    ("The band played Thursday night.", [("Thursday night", "DATE", "1998-08-06")]),
])
def test_weekday_evenings_are_times_of_day(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("ref, text, expected", [
    (dt.date(1998, 8, 7), "Officials said the ferry would be sailing to Norway Thursday.",
     [("Thursday", "1998-08-13")]),
    (dt.date(1998, 8, 7), "The clerks had filed their claims by Wednesday.", [("Wednesday", "1998-08-05")]),
    (dt.date(1998, 8, 7), "The judge postponed the hearing until Tuesday.", [("Tuesday", "1998-08-11")]),
    (dt.date(1998, 8, 10), "The ballot had been due to close Friday evening.",
     [("Friday evening", "1998-08-07TEV")]),
    (dt.date(1998, 8, 12), "On Friday, the council planned to reopen the pool.", [("Friday", "1998-08-07")]),
    (dt.date(1998, 8, 7), "Until Thursday, the club had kept the score quiet.", [("Thursday", "1998-08-06")]),
    (dt.date(1998, 8, 7), "Lawyers will appeal Tuesday's ruling.", [("Tuesday", "1998-08-04")]),
    (dt.date(1998, 8, 7), "Lawyers will ask for a delay ahead of Tuesday's hearing.",
     [("Tuesday", "1998-08-11")]),
    (dt.date(1998, 8, 5), "The clerks did not plan to strike on Thursday morning.",
     [("Thursday morning", "1998-08-06")]),
    (dt.date(1998, 10, 30), "In September, the bakery opened a second shop.", [("September", "1998-09")]),
    (dt.date(1998, 10, 30), "In March, the club will move.", [("March", "1999-03")]),
    (dt.date(1998, 10, 30), "Holders of shares issued July 1, which will vote, get less.",
     [("July 1", "1998-07-01")]),
])
def test_the_verb_next_to_a_date_gives_its_direction(ref, text, expected):
    assert [(t.text, t.value) for t in tag(text, ref)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The mill opened in 1995, and the following year it doubled its staff.",
     [("1995", "1995"), ("the following year", "1996")]),
    ("She moved to Lyon in June 1991 and left later that year.",
     [("June 1991", "1991-06"), ("later that year", "1991")]),
    ("Exports reached $4 million in 1990, a third of all sales that year.",
     [("1990", "1990"), ("that year", "1990")]),
    ("The ferry sank on March 3, 1994; the following month an inquiry began.",
     [("March 3, 1994", "1994-03-03"), ("the following month", "1994-04")]),
    ("Sales should recover the following year.", [("the following year", "1999")]),
    ("Nobody knew what happened that year.", []),
])
def test_the_following_year_counts_from_the_year_last_named(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Pickets stand daily at the gates.", [("daily", "SET", "P1D")]),
    ("It is part of their daily life.", [("daily", "SET", "P1D")]),
    ("Earnings will be weak in the last half of 1997.", [("the last half of 1997", "DATE", "1997-H2")]),
    ("The first half dozen bids failed.", []),
    ("Over the next couple of years, rents will rise.", [("the next couple of years", "DURATION", "P2Y")]),
])
def test_daily_halves_and_a_couple(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("ref, text, expected", [
    (REF, "By mid afternoon, the queue had gone.", [("mid afternoon", "1998-08-07TAF")]),
    (REF, "At mid-morning yesterday, the queue had gone.", [("mid-morning yesterday", "1998-08-06TMO")]),
    (REF, "The judge sits at midday.", [("midday", "1998-08-07T12:00")]),
    (REF, "Rents climbed through the nineties.", [("the nineties", "199")]),
    (REF, "Voters in their forties stayed home.", []),
    (REF, "Prices may dip in the near term.", [("the near term", "FUTURE_REF")]),
    (dt.date(2026, 10, 1), "The mayor will campaign until Election Day.", [("Election Day", "2026-11-03")]),
    (REF, "The boat sank on July 2 and the crew was found the next morning.",
     [("July 2", "1998-07-02"), ("the next morning", "1998-07-03")]),
    (REF, "The crew will be flown home the next day.", [("the next day", "1998-08-08")]),
])
def test_parts_of_day_decades_in_words_and_the_next_day(ref, text, expected):
    assert [(t.text, t.value) for t in tag(text, ref)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The fair is held on April 24 and 25.", [("April 24", "1999-04-24"), ("25", "1999-04-25")]),
    ("Output grew May 5 and 6 percent.", [("May 5", "1999-05-05")]),
    ("Two fines, from 1991 to 1997, went unpaid.", [("1991", "1991"), ("1997", "1997")]),
])
def test_two_days_and_two_years(text, expected):
    assert [(t.text, t.value) for t in tag(text, dt.date(1999, 2, 10))] == expected


@pytest.mark.parametrize("ref, text, value", [
    (dt.date(1998, 10, 30), "The plant shut this past spring.", "1998-SP"),
    (dt.date(1998, 2, 10), "The plant shut this past summer.", "1997-SU"),
    (dt.date(1998, 10, 30), "The plant shut last spring.", "1997-SP"),
])
def test_this_past_season_is_the_last_one_begun(ref, text, value):
    assert [t.value for t in tag(text, ref)] == [value]


@pytest.mark.parametrize("text, expected", [
    ("Polls close at 8 p.m. ET.", [("8 p.m. ET", "TIME", "2026-11-25T20:00")]),
    ("The ferry left at 5 p.m. west of the dock.", [("5 p.m.", "TIME", "2026-11-25T17:00")]),
    ("Sales grew in Q3 2025 and again in Q3.", [("Q3 2025", "DATE", "2025-Q3"), ("Q3", "DATE", "2026-Q3")]),
    ("Margins rose in H1 2026.", [("H1 2026", "DATE", "2026-H1")]),
    ("Profit rose in Q2'25.", [("Q2'25", "DATE", "2025-Q2")]),
    ("She holds an H1-B visa.", []),
])
def test_zones_and_quarter_codes(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, dt.date(2026, 11, 25))] == expected


@pytest.mark.parametrize("text, value", [
    ("Sunday's election will decide the seat.", "2026-11-29"),
    ("Voters are nervous ahead of Sunday's election.", "2026-11-29"),
    ("Lawyers will appeal Tuesday's ruling.", "2026-11-24"),
    ("Tuesday's ruling angered the mayor.", "2026-11-24"),
])
def test_a_weekday_with_an_apostrophe_s(text, value):
    assert [t.value for t in tag(text, dt.date(2026, 11, 25))] == [value]


@pytest.mark.parametrize("text, expected", [
    ("Results are due on Thursday, the company said.", [("Thursday", "2026-11-26")]),
    ("A hearing is set for Monday.", [("Monday", "2026-11-30")]),
    ("The vote was scheduled for Monday.", [("Monday", "2026-11-23")]),
    ("The plant will close by the end of the month.", [("the end of the month", "2026-11")]),
    ("Talks resume at the start of next week.", [("the start of next week", "2026-W49")]),
    ("Orders slowed at the end of the quarter.", [("the end of the quarter", "2026-Q3")]),
])
def test_plans_and_the_end_of_a_month(text, expected):
    assert [(t.text, t.value) for t in tag(text, dt.date(2026, 11, 25))] == expected


@pytest.mark.parametrize("text, expected", [
    ("The festival runs from Friday to Sunday.", [("Friday", "2026-11-27"), ("Sunday", "2026-11-29")]),
    ("The team plays the league leaders on Saturday.", [("Saturday", "2026-11-28")]),
    ("Polls will close at 8 p.m. on Friday.", [("8 p.m.", "2026-11-27T20:00"), ("Friday", "2026-11-27")]),
    ("He arrived at 8 p.m. on Friday and will leave soon.",
     [("8 p.m.", "2026-11-20T20:00"), ("Friday", "2026-11-20")]),
])
def test_timetables_and_clock_times_on_a_weekday(text, expected):
    assert [(t.text, t.value) for t in tag(text, dt.date(2026, 11, 25))] == expected


@pytest.mark.parametrize("text, expected", [
    ("The family has farmed here for almost a hundred years.", [("a hundred years", "P100Y")]),
    ("Six trading days later, the index fell.", [("Six trading days", "P6D")]),
    ("The two trains left minutes apart.", []),
    ("A deal is a matter of days away.", []),
    ("The siege went on for years.", [("years", "PXY")]),
])
def test_counted_days_and_vague_plurals(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Pension funds own more than a quarter of the shares.", []),
    ("She will one day be queen.", [("one day", "FUTURE_REF")]),
    ("The repair took one day.", [("one day", "P1D")]),
])
def test_fractions_and_some_day(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


def test_postponed_until_a_weekday_looks_ahead():
    found = tag("The board postponed until Tuesday morning its vote on the budget.", dt.date(2026, 11, 25))
    assert [(t.text, t.value) for t in found] == [("Tuesday morning", "2026-12-01")]


@pytest.mark.parametrize("text, expected", [
    ("The offer ran out at the end of November.", [("the end of November", "DATE", "1997-11")]),
    ("The ferry docked around 7:15 p.m.", [("around 7:15 p.m.", "TIME", "1998-08-07T19:15")]),
    ("Pipers march each July.", [("each July", "SET", "XXXX-07")]),
    ("The shop reopened last Thanksgiving.", [("last Thanksgiving", "DATE", "1997-11-27")]),
    ("The firm has a 30-day limit.", [("30-day", "DURATION", "P30D")]),
    ("It took the two days.", [("the two days", "DURATION", "P2D")]),
])
def test_spans_of_modified_months_clock_times_and_hyphenated_durations(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, REF)] == expected


def test_a_past_verb_further_back_keeps_a_year_less_date_behind():
    found = tag("Inspectors will check the farms under the rules agreed in the Feb. 23 pact.",
                dt.date(1998, 3, 6))
    assert [(t.text, t.value) for t in found] == [("Feb. 23", "1998-02-23")]


@pytest.mark.parametrize("text, expected", [
    ("Traders had bet on a cut, but that year-end bet faded.", []),
    ("In 1995, the bank held rates for the whole year.", [("1995", "1995"), ("the whole year", "1995")]),
    ("Sales for the year rose.", [("the year", "1998")]),
    ("The bank will publish minutes on its website.", []),
    ("Rescuers arrived within minutes.", [("minutes", "PTXM")]),
    ("The deal closed in the spring of 1996.", [("the spring of 1996", "1996-SP")]),
])
def test_the_whole_year_after_a_named_year_and_meeting_minutes(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("ref, text, expected", [
    (dt.date(2026, 11, 25), "Officials expect the rules to be written by the summer.",
     [("the summer", "2027-SU")]),
    (dt.date(2026, 5, 2), "Sales slumped in the fall.", [("the fall", "2025-FA")]),
    (dt.date(2026, 11, 25), "Sales rose in the summer.", [("the summer", "2026-SU")]),
    (dt.date(2026, 11, 25), "Over the past decade, rents doubled.", [("the past decade", "P10Y")]),
])
def test_seasons_follow_the_tense_and_the_past_decade_is_ten_years(ref, text, expected):
    assert [(t.text, t.value) for t in tag(text, ref)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Rents soared in the '90s.", [("the '90s", "199")]),
    ("Rents soared in the last half of the '80s.", [("the last half of the '80s", "198")]),
    ("The '20s began with a pandemic.", [("The '20s", "202")]),
    ("He will be sentenced on Jan. 12.", [("Jan. 12", "2027-01-12")]),
    ("He was sentenced on Jan. 12.", [("Jan. 12", "2026-01-12")]),
    ("The law will be signed Friday.", [("Friday", "2026-11-27")]),
])
def test_decades_with_an_apostrophe_and_passive_verbs(text, expected):
    assert [(t.text, t.value) for t in tag(text, dt.date(2026, 11, 25))] == expected


@pytest.mark.parametrize("text, value", [
    ("The suspect is due in court on Monday.", "2026-11-30"),
    ("The storm is forecast to hit on Saturday.", "2026-11-28"),
    ("The storm hit on Saturday.", "2026-11-21"),
    ("The vote was expected to take place on Monday.", "2026-11-23"),
])
def test_forecasts_and_appointments_look_ahead(text, value):
    assert [t.value for t in tag(text, dt.date(2026, 11, 25))] == [value]


@pytest.mark.parametrize("text, value", [
    ("Prices have risen every month since February, and will rise again.", "2026-02"),
    ("The strike has gone on since Monday and will go on.", "2026-11-23"),
])
def test_since_looks_back(text, value):
    assert [t.value for t in tag(text, dt.date(2026, 11, 25)) if t.type == "DATE"] == [value]


@pytest.mark.parametrize("text, expected", [
    ("A quarter of voters said no.", []),
    ("The mill made money again after several quarters in the red.", [("several quarters", "PXQ")]),
])
def test_a_quarter_of_something(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("text, value", [
    ("Protests are planned for the weekend.", "2026-W48-WE"),
    ("Protests were held over the weekend.", "2026-W47-WE"),
])
def test_the_weekend_follows_the_verb(text, value):
    assert [t.value for t in tag(text, dt.date(2026, 11, 25))] == [value]


@pytest.mark.parametrize("text, expected", [
    ("The train left at 6.45pm.", [("6.45pm", "1998-08-07T18:45")]),
    ("It was 3 p.m. local time (0800 GMT).", [("3 p.m.", "1998-08-07T15:00")]),
    ("The vote opens at 9:30 a.m. on Tuesday.",
     [("9:30 a.m.", "1998-08-11T09:30"), ("Tuesday", "1998-08-11")]),
])
def test_more_clock_times(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("text, expected", [
    ("He was arrested at this march.", []),
    ("The firm moved to a calendar year.", []),
    ("Pay within 30 calendar days.", [("30 calendar days", "P30D")]),
    ("It was the worst flood of the past century.", [("the past century", "P100Y")]),
])
def test_a_protest_march_and_a_calendar_year(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


def test_the_verb_may_is_no_month():
    assert [(t.text, t.value)
            for t in tag("We may next year decide to sell.", REF)] == [("next year", "1999")]


@pytest.mark.parametrize("text, expected", [
    ("The fall in oil prices hurt.", []),
    ("After the fall of the Berlin Wall, trade grew.", []),
    ("Prices will fall in spring.", [("spring", "2027-SP")]),
    ("He was shot last fall in his home.", [("last fall", "2025-FA")]),
])
def test_the_fall_of_prices_is_no_season(text, expected):
    assert [(t.text, t.value) for t in tag(text, dt.date(2026, 11, 25))] == expected


def _found(text, ref=REF):
    return [(t.text, t.type, t.value) for t in tag(text, ref)]


def test_every_pattern_has_a_normaliser():
    from helpers.drafting.timex import _NORMALISERS, PATTERNS
    assert {kind for kind, _ in PATTERNS} - {"anaphoric"} == set(_NORMALISERS)


@pytest.mark.parametrize("text, ref, expected", [
    ("The index was filed on 1998-03-04.", REF, [("1998-03-04", "DATE", "1998-03-04")]),
    ("The form is dated 3/4/97.", REF, [("3/4/97", "DATE", "1997-03-04")]),
    ("The form is dated 2/30/97.", REF, []),
    # a first number no month can be is the day; dots write the day first
    ("The form is dated 24/03/2022.", REF, [("24/03/2022", "DATE", "2022-03-24")]),
    ("By Staff Reporter — 25.10.2018", REF, [("25.10.2018", "DATE", "2018-10-25")]),
    ("Install version 1.2.2018 first.", REF, []),
    ("The choir sang on Tuesday, March 3.", REF, [("Tuesday, March 3", "DATE", "1998-03-03")]),
    ("The choir sang on Tuesday, March 3, 1997.", REF, [("Tuesday, March 3, 1997", "DATE", "1997-03-03")]),
    ("The choir sang on Tuesday, March 3.", None, [("Tuesday, March 3", "DATE", "XXXX-03-03")]),
    ("The ferry sailed last March.", REF, [("last March", "DATE", "1998-03")]),
    ("The ferry sails next March.", REF, [("next March", "DATE", "1999-03")]),
    ("The kiosk shuts this September.", REF, [("this September", "DATE", "1998-09")]),
    ("The ferry sailed last March.", None, [("last March", "DATE", "XXXX-03")]),
    ("The pier was repainted in March of last year.", REF, [("March of last year", "DATE", "1997-03")]),
    ("The pier will be repainted in May of next year.", REF, [("May of next year", "DATE", "1999-05")]),
    ("The mill closed in May.", REF, [("May", "DATE", "1998-05")]),
    ("The mill closes by May.", REF, [("May", "DATE", "1999-05")]),
    ("The stall opened the week of March 3, 1997.", REF, [("the week of March 3, 1997", "DATE", "1997-W10")]),
    ("The stall opened the week of March 3.", None, [("the week of March 3", "DATE", "XXXX-WXX")]),
])
def test_written_dates_and_months_named_by_their_year(text, ref, expected):
    assert _found(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("The orchard earned more in fiscal 1997.", REF, [("fiscal 1997", "DATE", "1997")]),
    ("The orchard earned more in FY97.", REF, [("FY97", "DATE", "1997")]),
    ("The kiosk opened in nineteen ninety-six.", REF, [("nineteen ninety-six", "DATE", "1996")]),
    ("The kiosk opened in the year two thousand.", REF, [("the year two thousand", "DATE", "2000")]),
    ("The kiosk counted two thousand visitors.", REF, []),
    ("The kiosk opened by year-end.", REF, [("year-end", "DATE", "1998")]),
    ("The kiosk has gained since year-end.", REF, [("year-end", "DATE", "1997")]),
    ("The kiosk opened by year-end.", None, [("year-end", "DATE", "XXXX")]),
    ("The kiosk made a profit for the year.", None, [("the year", "DATE", "XXXX")]),
])
def test_fiscal_spelled_and_year_end_years(text, ref, expected):
    assert _found(text, ref) == expected


@pytest.mark.parametrize("text, expected", [
    ("The canal froze in the 1960s.", [("the 1960s", "DATE", "196")]),
    ("The canal froze in the early '60s.", [("the early '60s", "DATE", "196")]),
    ("The canal froze in the late sixties.", [("the late sixties", "DATE", "196")]),
    ("The canal froze in the last half of the '80s.", [("the last half of the '80s", "DATE", "198")]),
    ("The chapel dates from the 14th century.", [("the 14th century", "DATE", "13")]),
    ("The kiosk closed last decade.", [("last decade", "DATE", "198")]),
    ("The kiosk will close next century.", [("next century", "DATE", "20")]),
])
def test_decades_and_centuries(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("The bakery sold more in the second half of 1996.", REF,
     [("the second half of 1996", "DATE", "1996-H2")]),
    ("The bakery sold more in the first half.", REF, [("the first half", "DATE", "1998-H1")]),
    ("The bakery sold more in the first half.", None, [("the first half", "DATE", "XXXX-H1")]),
    ("The bakery sold more in H2 1997.", REF, [("H2 1997", "DATE", "1997-H2")]),
    ("The bakery sold more in H1.", None, [("H1", "DATE", "XXXX-H1")]),
    ("The bakery sold more in Q2 1996.", REF, [("Q2 1996", "DATE", "1996-Q2")]),
    ("The bakery sold more in Q2.", REF, [("Q2", "DATE", "1998-Q2")]),
    ("The bakery sold more in Q2.", None, [("Q2", "DATE", "XXXX-Q2")]),
    ("The bakery sold more in the third quarter of 1996.", REF,
     [("the third quarter of 1996", "DATE", "1996-Q3")]),
    ("The bakery sold more in last year's third quarter.", REF,
     [("last year's third quarter", "DATE", "1997-Q3")]),
    ("The bakery sold more in last year's third quarter.", None,
     [("last year's third quarter", "DATE", "XXXX-Q3")]),
    ("The bakery sold more in the 1996 quarter.", REF, [("the 1996 quarter", "DATE", "1996-Q2")]),
    ("The bakery sold more in the latest period.", REF, [("the latest period", "DATE", "1998-Q2")]),
    ("The bakery sold more in the previous quarter.", REF, [("the previous quarter", "DATE", "1998-Q1")]),
    ("The bakery sold more in the current quarter.", REF, [("the current quarter", "DATE", "1998-Q3")]),
    ("The bakery sold more in the year-ago quarter.", REF, [("the year-ago quarter", "DATE", "1997-Q2")]),
    ("The bakery sold more in the quarter a year ago.", REF, [("the quarter a year ago", "DATE", "1997-Q2")]),
    ("The bakery sold more in the previous quarter.", None, [("the previous quarter", "DATE", "XXXX-QX")]),
    ("The kiosk opens next quarter.", REF, [("next quarter", "DATE", "1998-Q4")]),
])
def test_quarters_and_halves(text, ref, expected):
    assert _found(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("The canal froze last winter.", REF, [("last winter", "DATE", "1997-WI")]),
    ("The canal will freeze next winter.", REF, [("next winter", "DATE", "1999-WI")]),
    ("The canal froze in the winter of 1996.", REF, [("the winter of 1996", "DATE", "1996-WI")]),
    ("The canal will freeze in the winter.", REF, [("the winter", "DATE", "1998-WI")]),
    ("The canal froze last winter.", None, [("last winter", "DATE", "XXXX-WI")]),
    ("The fall of the kite surprised everyone.", REF, []),
])
def test_seasons(text, ref, expected):
    assert _found(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("The bakery will reopen on Christmas Day.", REF, [("Christmas Day", "DATE", "1998-12-25")]),
    ("The lanterns were lit last Christmas.", REF, [("last Christmas", "DATE", "1997-12-25")]),
    ("The choir will sing on New Year's Eve.", REF, [("New Year's Eve", "DATE", "1998-12-31")]),
    ("The lanterns were hung on Independence Day.", REF, [("Independence Day", "DATE", "1998-07-04")]),
    ("The lanterns were lit last Christmas.", None, [("last Christmas", "DATE", "XXXX-12-25")]),
])
def test_holidays_on_a_fixed_date(text, ref, expected):
    assert _found(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("The tide turned at 7 p.m. GMT.", REF, [("7 p.m. GMT", "TIME", "1998-08-07T19:00")]),
    ("The tide turned at 7 p.m. GMT.", None, [("7 p.m. GMT", "TIME", "XXXX-XX-XXT19:00")]),
    ("The tide turned at 13 p.m.", REF, []),
    ("The tide turned at 16:30 GMT on Tuesday.", REF,
     [("16:30 GMT", "TIME", "1998-08-04T16:30"), ("Tuesday", "DATE", "1998-08-04")]),
    ("The tide turned at midnight.", REF, [("midnight", "TIME", "1998-08-07T24:00")]),
    ("The tide turned at midday yesterday.", REF, [("midday yesterday", "TIME", "1998-08-06T12:00")]),
    ("The kettle boiled this morning.", REF, [("this morning", "TIME", "1998-08-07TMO")]),
    ("The kettle boiled yesterday afternoon.", REF, [("yesterday afternoon", "TIME", "1998-08-06TAF")]),
    ("The kettle will boil tomorrow evening.", REF, [("tomorrow evening", "TIME", "1998-08-08TEV")]),
    ("The kettle boiled late last night.", REF, [("late last night", "TIME", "1998-08-06TNI")]),
    ("The kettle boiled this morning.", None, [("this morning", "TIME", "XXXX-XX-XXTMO")]),
    ("The garden will glow tonight.", REF, [("tonight", "TIME", "1998-08-07TNI")]),
])
def test_clock_times_and_parts_of_day(text, ref, expected):
    assert _found(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("The tenants will paint next weekend.", REF, [("next weekend", "DATE", "1998-W33-WE")]),
    ("The tenants painted last weekend.", REF, [("last weekend", "DATE", "1998-W31-WE")]),
    ("The tenants spent the weekend painting.", REF, [("the weekend", "DATE", "1998-W31-WE")]),
    ("The tenants spent the weekend painting.", None, [("the weekend", "DATE", "XXXX-WXX-WE")]),
])
def test_weekends(text, ref, expected):
    assert _found(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("The ferry sails next Friday.", REF, [("next Friday", "DATE", "1998-08-14")]),
    ("The ferry sailed last Friday.", REF, [("last Friday", "DATE", "1998-07-31")]),
    ("The ferry sailed on Friday.", REF, [("Friday", "DATE", "1998-08-07")]),
    ("The ferry sailed Monday.", REF, [("Monday", "DATE", "1998-08-03")]),
    ("The ferry will sail Monday.", REF, [("Monday", "DATE", "1998-08-10")]),
    ("Tuesday's crossing was rough.", REF, [("Tuesday", "DATE", "1998-08-04")]),
    ("The ferry will sail Monday.", None, [("Monday", "DATE", "XXXX-WXX-1")]),
])
def test_weekday_direction(text, ref, expected):
    assert _found(text, ref) == expected


@pytest.mark.parametrize("text, expected", [
    ("The ferry ran for two weeks.", [("two weeks", "DURATION", "P2W")]),
    ("The stall opened in the past three years.", [("the past three years", "DURATION", "P3Y")]),
    ("The stall waited for hours.", [("hours", "DURATION", "PTXH")]),
    ("The bank will publish minutes.", []),
    ("The ferry sold three-quarters of its tickets.", []),
    ("The boy is five years old.", []),
    ("In recent weeks the kiosk closed.", [("recent weeks", "DURATION", "PXW")]),
    ("The kiosk closed over the past decade.", [("the past decade", "DURATION", "P10Y")]),
    ("For the year ended June 30 the kiosk lost money.",
     [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "1998-06-30")]),
    ("The rowers left three months ago.", [("three months ago", "DATE", "1998-05")]),
    ("The rowers left ten days ago.", [("ten days ago", "DATE", "1998-07-28")]),
    ("The rowers left two quarters ago.", [("two quarters ago", "DATE", "1998-Q1")]),
    ("The rowers return two weeks from now.", [("two weeks from now", "DATE", "1998-W34")]),
    ("The rowers left three decades ago.", [("three decades ago", "DATE", "196")]),
    ("The rowers left five hours ago.", [("five hours ago", "TIME", "1998-08-07")]),
    ("The ferry runs twice a week.", [("twice a week", "SET", "P1W")]),
    ("The ferry ran every Tuesday.", [("every Tuesday", "SET", "XXXX-WXX-2")]),
])
def test_durations_against_dates(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("The garden looks lovely now.", REF, [("now", "DATE", "PRESENT_REF")]),
    ("The garden is lovely these days.", REF, [("these days", "DATE", "PRESENT_REF")]),
    ("The garden was lovely recently.", REF, [("recently", "DATE", "PAST_REF")]),
    ("The garden will be lovely in the near future.", REF, [("the near future", "DATE", "FUTURE_REF")]),
    ("The shop is busy in the short term.", REF, [("the short term", "DATE", "FUTURE_REF")]),
    ("She will one day own the ferry.", REF, [("one day", "DATE", "FUTURE_REF")]),
    ("The rowers left several years ago.", REF, [("several years ago", "DATE", "PAST_REF")]),
    ("In the coming months the kiosk will close.", REF, [("the coming months", "DATE", "FUTURE_REF")]),
    ("The lantern was lit once again.", REF, []),
    ("The rowers left ten days ago.", None, [("ten days ago", "DATE", "PAST_REF")]),
    ("The rowers return two weeks from now.", None, [("two weeks from now", "DATE", "FUTURE_REF")]),
    ("The kiosk opened this year.", None, [("this year", "DATE", "PRESENT_REF")]),
    ("The kiosk opened last week.", None, [("last week", "DATE", "PAST_REF")]),
    ("The kiosk closed a year earlier.", None, [("a year earlier", "DATE", "PAST_REF")]),
    ("The garden will glow tonight.", None, [("tonight", "TIME", "PRESENT_REF")]),
])
def test_present_past_and_future_ref(text, ref, expected):
    assert _found(text, ref) == expected


@pytest.mark.parametrize("text, expected", [
    ("The ferry sailed on 3 March 1995. It sank the next day.",
     [("3 March 1995", "DATE", "1995-03-03"), ("the next day", "DATE", "1995-03-04")]),
    ("The ferry sailed on 3 March 1995. It sank later that month.",
     [("3 March 1995", "DATE", "1995-03-03"), ("later that month", "DATE", "1995-03")]),
    ("The ferry sailed on 3 March 1995. It sank the following week.",
     [("3 March 1995", "DATE", "1995-03-03"), ("the following week", "DATE", "1995-W10")]),
    ("The ferry sailed in May 1995. It sank the following quarter.",
     [("May 1995", "DATE", "1995-05"), ("the following quarter", "DATE", "1995-Q3")]),
    ("The ferry sailed later that day.", []),
])
def test_anaphora_count_from_the_date_named_before(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Sales rose in the first quarter of last year.", ("the first quarter of last year", "2009-Q1")),
    ("Output should recover in the fourth quarter of next year.",
     ("the fourth quarter of next year", "2011-Q4")),
    ("The mill closed in the third quarter of the previous year.",
     ("the third quarter of the previous year", "2009-Q3")),
])
def test_a_quarter_of_a_year_counted_from_the_article_is_one_expression(sentence, expected):
    assert [(t.text, t.value) for t in tag(sentence, dt.date(2010, 6, 9))] == [expected]


def test_a_leap_day_never_lands_in_a_year_without_one():
    # seen from October 2016 a bare "Feb. 29" would be 2017's, which has none: the year is left open, nothing
    # breaks
    assert [(t.text, t.value)
            for t in tag("They must finish by Feb. 29, officials said.", dt.date(2016, 10, 1))] \
        == [("Feb. 29", "XXXX-02-29")]
    assert [t.value for t in tag("They must finish by Feb. 29, officials said.", dt.date(2016, 1, 10))] \
        == ["2016-02-29"]


@pytest.mark.parametrize("text, expected", [
    ("He has until six o'clock to answer.", [("six o'clock", "1998-08-07T06:00")]),
    ("Doors open at 10 o'clock in the morning.", [("10 o'clock in the morning", "1998-08-07T10:00")]),
    ("Be back by 8 o'clock tonight.", [("8 o'clock tonight", "1998-08-07T20:00")]),
    ("The clock struck thirteen o'clock.", []),  # no hour of a clock
    ("The plant must close by the end of the decade.", [("the decade", "199")]),
    ("By 1965 it had grown, and by the end of the decade it led.", [("1965", "1965"), ("the decade", "196")]),
    # a year to come naming a thing ("the 2030 budget") is not the year of the sentence
    ("They must pass the 2030 budget by the end of the year.",
     [("2030", "2030"), ("the end of the year", "1998")]),
    ("In 1996 the club must win by the end of the year.",
     [("1996", "1996"), ("the end of the year", "1996")]),
    # a target year to come names no decade: the article's is meant
    ("It will be net zero by 2040 and halve its use by the end of the decade.",
     [("2040", "2040"), ("the decade", "199")]),
    ("The decade was a calm one for the firm.", []),  # the decade alone is any ten years
    ("Applications will be accepted until Monday.", [("Monday", "1998-08-10")]),  # a passive still to come
    ("Applications were accepted until Monday.", [("Monday", "1998-08-03")]),
])
def test_clock_hours_the_end_of_the_decade_and_passives_before_until(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Bids close at 12 noon on Aug. 14.", [("12 noon", "1998-08-07T12:00"), ("Aug. 14", "1998-08-14")]),
    ("Reply by 5 p.m. Eastern time Monday.", [("5 p.m. Eastern time Monday", "1998-08-10T17:00")]),
    ("Growth will pick up in the second half of next year.", [("the second half of next year", "1999-H2")]),
    ("Sales fell in the first half of last year.", [("the first half of last year", "1997-H1")]),
    ("The parcels must arrive by Christmas.", [("Christmas", "1998-12-25")]),  # ahead, after "by"
    ("The shop was busy at Christmas.", [("Christmas", "1997-12-25")]),  # told of the past
])
def test_noon_written_with_its_hour_zones_in_words_halves_of_a_named_year_and_holidays_ahead(text, expected):
    assert [(t.text, t.value) for t in tag(text, REF)] == expected
