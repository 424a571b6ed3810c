"""Deadline language on invented sentences: each pattern found and resolved to calendar days, each look-alike
left out, restatements linked, and who set a deadline and for whom."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers.drafting.deadlines import calendar_window
from helpers.drafting.draft import draft_text

REF = "2031-04-04"  # a Friday


def _deadlines(text):
    return draft_text(text, [], REF).deadlines


def _days(window):
    return tuple(None if pd.isna(d) else f"{d:%Y-%m-%d}" for d in window)


def _readings(text, low=True):
    """Each deadline drafted as (its words, its due days); ``low=False``: those of low confidence left out."""
    return [(d.text, _days(d.due)) for d in _deadlines(text) if low or d.confidence != "low"]


@pytest.mark.parametrize("sentence, expression, due", [
    ("Quellmark has until the end of May to restructure.", "has until the end of May", ("2031-05-31",) * 2),
    ("Brask must finish the sale by early June.", "by early June", ("2031-06-01", "2031-06-10")),
    ("The sale must close by mid-June.", "by mid-June", ("2031-06-11", "2031-06-20")),
    ("Brask wants the plant sold by late June.", "by late June", ("2031-06-21", "2031-06-30")),
    ("The plan must be done by the end of 2032.", "by the end of 2032", ("2032-12-31",) * 2),
    ("The payment is due by the end of next month.", "due by the end of next month", ("2031-05-31",) * 2),
    ("The board must reach parity by next year.", "by next year", ("2032-01-01", "2032-12-31")),
    ("Quellmark aims to cut 3,000 jobs by 2033.", "by 2033", ("2033-01-01", "2033-12-31")),
    ("The union has a June 1 deadline.", "June 1 deadline", ("2031-06-01",) * 2),
    ("A deadline set at June 1 stands, the union said.", "deadline set at June 1", ("2031-06-01",) * 2),
    ("Talks must end by midnight Thursday.", "by midnight Thursday", ("2031-04-10",) * 2),
    ("The files must arrive no later than June 3.", "no later than June 3", ("2031-06-03",) * 2),
    ("The plan must be filed in the next 30 days.", "in the next 30 days", ("2031-05-04",) * 2),
    ("The lenders have 60 days to respond.", "have 60 days", ("2031-06-03",) * 2),
    ("The crews were given 10 days to leave.", "given 10 days", ("2031-04-14",) * 2),
    ("They ordered the crews out within 48 hours.", "within 48 hours", ("2031-04-06",) * 2),
    ("The agency has given the Varo family until June 3 to sign.", "has given the Varo family until June 3",
     ("2031-06-03",) * 2),
    ("The union gave the Harbour Authority until Friday to answer.",
     "gave the Harbour Authority until Friday",
     ("2031-04-04",) * 2),
    ("He offered the rebels a week to withdraw.", "offered the rebels a week", ("2031-04-11",) * 2),
    ("The Harbour Authority on Thursday gave the three ferry operators that use the northern berths until "
     "Friday to agree.", "gave the three ferry operators that use the northern berths until Friday",
     ("2031-04-04",) * 2),
    ("Varo gave Brask's government 24 hours to withdraw.", "gave Brask's government 24 hours",
     ("2031-04-05",) * 2),
    # a long object ("estimated" in it is no forecast), the object after "given", a day between span and verb
    ("Brask on Monday gave an estimated 400,000 workers from Varo, Kessel and Laos 60 days to register.",
     "gave an estimated 400,000 workers from Varo, Kessel and Laos 60 days", ("2031-05-30",) * 2),
    ("The club has given striker Iker Varo two days to accept.", "given striker Iker Varo two days",
     ("2031-04-06",) * 2),
    ("The board moved the deadline to June 15.", "moved the deadline to June 15", ("2031-06-15",) * 2),
    ("Landlords have twenty-six months to replace the lines.", "have twenty-six months", ("2033-06-04",) * 2),
    # a span written before a deadline's noun, counted from when it was set
    ("Varo issued a 72-hour ultimatum on Monday.", "72-hour ultimatum", ("2031-04-03",) * 2),
    ("The judge gave Mr. Brask's lawyers until May 18 to file motions.",
     "gave Mr. Brask's lawyers until May 18", ("2031-05-18",) * 2),
    # the giving is told in the past, the Friday is to come
    ("The union said it had given the company until 5 p.m. on Friday to make an offer.",
     "had given the company until 5 p.m. on Friday", ("2031-04-04",) * 2),
    ("Retailers must pull the heaters by week's end, the board said.", "by week's end",
     ("2031-04-04", "2031-04-06")),
    ("The bank must repay the loan by month's end.", "by month's end", ("2031-04-30",) * 2),
    ("Agencies must patch the servers before Oct. 14.", "before Oct. 14", ("2031-10-13",) * 2),
    ("Agencies must patch the servers before the Oct. 14 deadline.", "before the Oct. 14 deadline",
     ("2031-10-14",) * 2),
    ("The authority promised to open the tunnel by autumn 2032.", "by autumn 2032",
     ("2032-09-01", "2032-11-30")),
    ("The watchdog opened a probe, starting the 90-day countdown to a decision.", "90-day countdown",
     ("2031-07-03",) * 2),
    ("A firm whose payment failed gets a two-week grace period to pay the fee.", "two-week grace period",
     ("2031-04-18",) * 2),
    ("The agency has a 2035 goal of landing on the moon.", "2035 goal", ("2035-01-01", "2035-12-31")),
    ("Last month it set a new target date of March 2033.", "target date of March 2033",
     ("2033-03-01", "2033-03-31")),
    ("The window for applications shuts at 5 p.m. on June 7, the clerk said.",
     "window for applications shuts at 5 p.m. on June 7", ("2031-06-07",) * 2),
    ("A consultation on the plan closes on 14 May.", "consultation on the plan closes on 14 May",
     ("2031-05-14",) * 2),
    ("He asked managers to resolve the appeals by close of play on Monday.", "by close of play on Monday",
     ("2031-04-07",) * 2),
    # a span a rule counts from an event the text does not date: a deadline whose day stays open
    ("The clinic must notify patients within 60 days of discovering a breach.", "within 60 days",
     (None, None)),
    ("The envoy is to report no later than 30 days after the adoption of the resolution.",
     "no later than 30 days", (None, None)),
    ("An aide said the deadline would run out at 6 a.m. on Saturday.",
     "deadline would run out at 6 a.m. on Saturday", ("2031-04-05",) * 2),
    ("The two sides agreed on Friday to try to conclude a deal before the end of the year.",
     "before the end of the year", ("2031-12-31",) * 2),
    ("The league pushed its cutoff back to Friday.", "pushed its cutoff back to Friday", ("2031-04-04",) * 2),
    # "will have" something by a day is a pledge; "will have doubled by" a forecast
    ("\"We will have a notice on every website by Friday,\" she said.", "by Friday", ("2031-04-04",) * 2),
    ("Residents were given seven days on Monday to leave their homes.", "given seven days",
     ("2031-04-07",) * 2),
    ("The union said: \"The minister has five days. After that, we strike.\"", "has five days",
     ("2031-04-09",) * 2),
    ("The army gave residents of the northern valley 24 hours to leave.",
     "gave residents of the northern valley 24 hours", ("2031-04-05",) * 2),
    ("The nation may miss its 2035 target for cutting coal.", "2035 target", ("2035-01-01", "2035-12-31")),
    ("Quellmark holds to its goal of a 50% share by the mid-2030s.", "by the mid-2030s",
     ("2034-01-01", "2036-12-31")),
    ("The ministry will make the assessments \"in the next few days,\" an aide said.",
     "in the next few days,\"",
     ("2031-04-06", "2031-04-10")),
    # "the coming weeks" read as "weeks", "the coming months" as "a few months", "the next week" as a week
    ("Aides said the details will be unveiled in the coming weeks.", "in the coming weeks",
     ("2031-04-18", "2031-05-16")),
    ("\"I'll release mine in the next week,\" Varo said.", "in the next week,\"", ("2031-04-11",) * 2),
    # an aim in its own clause, though the sentence forecasts too
    ("As the agency looks to wrap up its inquiry in the coming months, officials are likely to call her.",
     "in the coming months", ("2031-06-04", "2031-10-04")),
    ("Brask pledged that in the year 2033 it would lift the limits.", "in the year 2033",
     ("2033-01-01", "2033-12-31")),
    # "unless": an ultimatum, though "could" is in the sentence
    ("The mayor could still win, but the union will strike unless talks resume by June 6.", "by June 6",
     ("2031-06-06",) * 2),
    # the day named before "deadline", with a time of day, or as what "is the deadline"
    ("The crews were given a May 9 close of business deadline to comply.", "May 9 close of business deadline",
     ("2031-05-09",) * 2),
    ("June 1 is the deadline to enter the contest.", "June 1 is the deadline", ("2031-06-01",) * 2),
    ("Talks went on ahead of Thursday's deadline.", "Thursday's deadline", ("2031-04-10",) * 2),
    # "the end of the month" of the month its sentence named
    ("The office said it would add the data in May 2031 and be done by the end of the month.",
     "by the end of the month", ("2031-05-31",) * 2),
    ("\"We need an answer this Tuesday at the latest,\" Varo said.", "this Tuesday at the latest",
     ("2031-04-08",) * 2),  # "this Tuesday" said on a Friday: the coming one
    ("The union demanded an answer within a fortnight.", "within a fortnight", ("2031-04-18",) * 2),
    ("The firm must file its plan by close of business on Monday.", "by close of business on Monday",
     ("2031-04-07",) * 2),
    ("The board wants the harbour to settle before the end of May.", "before the end of May",
     ("2031-05-31",) * 2),  # someone wanting another to act is a demand
    # the day a named deadline runs out
    ("The ultimatum expires at noon on Saturday.", "ultimatum expires at noon on Saturday",
     ("2031-04-05",) * 2),
    # the day the named deadline "is", with what it is for in between
    ("The deadline to register to vote in Varo County is Monday, April 7.",
     "The deadline to register to vote in Varo County is Monday, April 7", ("2031-04-07",) * 2),
    # a time of day and the date after it: that date
    ("The council has until midnight on May 30 to pass a budget.", "has until midnight on May 30",
     ("2031-05-30",) * 2),
    ("The deadline runs out on Monday, the union said.", "deadline runs out on Monday", ("2031-04-07",) * 2),
])
def test_each_deadline_pattern_is_found_and_falls_due_on_calendar_days(sentence, expression, due):
    got = [d for d in _deadlines(sentence) if d.confidence != "low"]
    assert [d.text for d in got] == [expression]
    assert _days(got[0].due) == due


@pytest.mark.parametrize("sentence", [
    "Quellmark returns to profit in two years, analysts said.",  # a forecast
    "Brask expects sales to double in two years.",  # "expects": a forecast, not a demand
    "The warranty covers repairs within the first two years.",  # a warranty period
    "The store remains closed until Friday.",  # an "until" period
    "The offer is available until January 30.",
    "The last reports before Election Day were mixed.",  # a scheduled event as a time reference
    "He was out for 22 days after the crash.",  # a duration
    "Ultimatums do not work, the mediator said.",  # the word, not a deadline
    "The workers stayed for three weeks.",
    "The bank forecast growth by the end of the year.",  # "forecast" the verb
    "She has about three weeks of leave.",
    "Their first baby is due in October, she said.",  # a birth
    "The bonds were sold in tranches, and the last one is due in 2034.",  # a year a debt matures
    "If the ferry was due in at 7:10, it was in at 7:10.",  # a timetable
    "The rent is usually paid by the 5th.",  # a day of the month nobody asks for
    "Prices rose by the 15th consecutive month.",  # an ordinal of something else
    "He was born on the 15th and died by the 20th.",
    "Under the law, occupants must receive three months' notice before an eviction.",  # a rule for all
    "She gave two weeks' notice and left in May.",  # notice given, in the past
    "Residents should be ready to leave at short notice.",
    "The bridge is closed until further notice.",
    "Talks resumed after June 30, officials said.",  # "after" a day, nothing refused
    "He was not allowed to leave after Friday's ruling.",  # past, and a day naming a ruling
])
def test_look_alikes_are_not_deadlines(sentence):
    assert [d.text for d in _deadlines(sentence)] == []


def test_a_pledge_for_a_term_s_first_days_is_a_deadline_whose_start_stays_open():
    d, = _deadlines("Senator Varo promised to act on housing within her first 100 days as president.")
    assert d.text == "within her first 100 days" and _days(d.due) == (None, None)


def test_a_span_of_time_counts_from_the_day_its_sentence_states_else_the_article_s_day():
    said_monday, plain = _deadlines("On Monday, the court gave the lenders 30 days to respond.\n\n"
                                    "The ministry must decide within 10 days.")
    assert _days(said_monday.issued) == ("2031-03-31",) * 2 and _days(said_monday.due) == ("2031-04-30",) * 2
    assert _days(plain.issued) == (REF, REF) and _days(plain.due) == ("2031-04-14",) * 2


def test_a_restatement_is_linked_to_the_deadline_it_restates_and_takes_its_days():
    ds = _deadlines("The union must sign by June 1, the mediator said.\n\n"
                    "Talks went on. By then the plant may be closed. The deadline is firm.")
    first, *rest = ds
    assert [d.text for d in rest] == ["By then", "The deadline"]
    assert all(ds[d.same_as] is first and d.due == first.due for d in rest)


def test_the_ultimatum_restates_the_deadline_called_an_ultimatum_not_the_last_one():
    ds = _deadlines("Varo issued an ultimatum: the rebels must leave by Friday.\n\n"
                    "Separately, the union must file its accounts by June 30.\n\n"
                    "The ultimatum was rejected.")
    restated = ds[-1]
    friday = next(d for d in ds if d.text == "by Friday")
    assert restated.text == "The ultimatum" and ds[restated.same_as] is friday and restated.due == friday.due


def test_a_deadline_extended_is_the_deadline_before_moved():
    first, moved = _deadlines("The regulator set a June 30 deadline, later extended to Sept. 30.")
    assert moved.text == "extended to Sept. 30" and moved.same_as == 0
    assert _days(first.due) == ("2031-06-30",) * 2 and _days(moved.due) == ("2031-09-30",) * 2
    first, moved = _deadlines("The board set a June 1 deadline. On Monday it moved the deadline to June 15.")
    assert moved.same_as == 0 and _days(moved.due) == ("2031-06-15",) * 2


def test_a_date_met_or_missed_restates_the_deadline_before():
    first, again = _deadlines("The union must sign by June 1. If it fails to meet that date, the plant "
                              "closes.")
    assert again.text == "that date" and again.same_as == 0 and again.due == first.due


def test_the_subject_of_has_until_is_whom_the_deadline_is_for_and_a_company_s_target_is_its_own():
    d = draft_text("Brask Trucks Co has until the end of May to file a plan. Quellmark Motors plans to close "
                   "two plants by 2033.", [], REF)
    by_text = {x.text: x for x in d.deadlines}
    names = {m.actor_id: m.text for m in d.mentions}
    assert names[by_text["has until the end of May"].addressee].startswith("Brask")
    assert names[by_text["by 2033"].set_by].startswith("Quellmark")


def test_who_set_a_deadline_is_the_subject_of_the_verb_giving_it_not_the_speaker_of_the_paragraph_before():
    d = draft_text("President Anna Varo on Tuesday set a Friday deadline for the union to answer.\n\n"
                   "\"We will not be rushed,\" Pieter Brask told reporters.\n\n"
                   "Varo gave Brask until Friday to respond, an aide said.", [], REF)
    names = {m.actor_id: m.text for m in d.mentions}
    set_deadline, gave = [x for x in d.deadlines if x.confidence != "low"]
    assert names[set_deadline.set_by].endswith("Varo")
    assert gave.text == "gave Brask until Friday"
    assert names[gave.set_by].endswith("Varo") and names[gave.addressee].endswith("Brask")


@pytest.mark.parametrize("value, words, window", [
    ("2031-Q3", "by the third quarter", ("2031-07-01", "2031-09-30")),
    ("2031-Q3", "by the end of the third quarter", ("2031-09-30",) * 2),
    ("2031-FA", "by this fall", ("2031-09-01", "2031-11-30")),
    ("2031-WI", "by winter", ("2031-12-01", "2032-02-29")),
    ("2031-W14", "by the end of the week", ("2031-04-04", "2031-04-06")),
    ("2031-06-01T24:00", "by midnight", ("2031-06-01",) * 2),
    # a year's early, middle and late parts are its months in fours; a month's, its days in tens
    ("2032", "by early 2032", ("2032-01-01", "2032-04-30")),
    ("2032", "by mid-2032", ("2032-05-01", "2032-08-31")),
    ("2032", "by late 2032", ("2032-09-01", "2032-12-31")),
    ("2031-02", "by early February", ("2031-02-01", "2031-02-10")),
    ("2031-02", "by late February", ("2031-02-21", "2031-02-28")),
    ("P30D", "within 30 days", None),
    ("PRESENT_REF", "by now", None),
])
def test_calendar_windows_of_normalised_values(value, words, window):
    got = calendar_window(value, words)
    assert (None if got is None else _days(got)) == window


@pytest.mark.parametrize("sentence", [
    "By 2033, the minimum wage would reach $20.",  # an opening "By 2033," setting the scene
    "Thirty of the members had filed their reports by Wednesday.",  # a past account
    "The bonds, due 2040, pay 5%.",  # when a debt matures
    "Brask extended to June 20 its $45-a-share offer for the harbour.",  # how long an offer stands
    "The mayor gave a speech for two hours.",  # how long something lasted
    "Results are expected by midnight.",  # a forecast
    "Varo joked that the gods did not want her to raise fares before next year.",  # no demand
    "The firm gave the staff two weeks' notice.",
    "The suspect emerged within two weeks of the slaying.",  # a span counted from an event
    "Within the next six weeks, only one of them is likely to survive.",  # a forecast
    # a span looking back
    "The board must decide where the harbour will host its first contested regatta in 40 years.",
    "In a year when the board must cut fares, the union wants more.",  # a time described
    "The call was prompted by the late Friday release of the fare tables.",  # a day naming a thing
    "The coal market was in a deep slide by 2020.",  # a "by" year long past: an account
    "But by late Sunday afternoon the speech had been rewritten.",  # past, told after the day
    "The yield could reach 40 percent by 2040.",  # forecasts
    "The merged firm is expected to earn $25 billion by 2034.",
    "A blitz of advertising will hit the airwaves in the next two months.",
    "They ran the numbers: By 2035, the fund would be empty.",  # an opening after a colon
    "By 2033, demand from Asia will have doubled.",  # "demand" the noun is no demand
    "By the end of next week's contests, her lead in pledged delegates will be insurmountable.",
    "A memoir by Wednesday Martin sold well.",  # a name
    "He said there were a million posts within 24 hours.",  # a past account
    "Only a third of students graduate within six years.",  # the writer's account
    "He hasn't visited the site in six months, he told me.",  # a span looking back
    "\"We have three weeks to go,\" the aide said.",  # a countdown
    "Varo and Brask agreed to meet again within the next two weeks.",  # a meeting: a scheduled event
    "The board committed to spend 2 percent at its summit, in Oslo in 2024.",  # when a pledge was made
    "The committees raised more than $28 million by the end of March.",  # what had happened by a past day
    # the same, the clause read past the comma of a number
    "The union raised more than 40,000 euros for its fund by the end of March, its leader said.",
    "Temperatures will rise 1.4 degrees by 2040, the study found.",  # what happens, not what someone does
    "Brask said the business would turn profitable within two years.",
    "\"We must act now, not in two years,\" Brask said.",  # a contrast
    "Farmers urged a ban, saying prices had already fallen 15 percent in two years.",  # a past account
    "The next rate decision is due on June 19.",  # an event's date
    "The festival ends on Sunday.",  # an event's end, not a window for something to be done
    "The shop offers a 30-day window for returns.",  # an offer
    "Classes, due to start Monday, are postponed until Aug. 25.",  # an event put off
    "\"Our pediatrician doesn't have an appointment until October,\" she said.",  # an "until" period
    "\"We've got the rental until Monday,\" he said.",
    "Buyers can return the glasses within 30 days for a full refund.",  # a shop's terms
    "The government expects domestic output of processed nickel to reach 2.5 million tonnes by 2033.",
    "The manager hoped the striker would be back by mid-May.",  # a hope
    "The launch window on Saturday closes at 8:41 a.m.",  # a scheduled event
    "Several hundred people were lined up outside the center by 6 a.m.",  # an account of the article's day
    "The ferry company has extended its operating licence until 2035.",  # a licence's term
    "Varo, who won the 2030 title, retired.",  # a year naming a thing
])
def test_forecasts_past_accounts_and_debts_after_by_or_within_are_not_deadlines(sentence):
    assert [d.text for d in _deadlines(sentence)] == []


def test_rates_and_spans_counted_from_an_event_beside_a_deadline_are_not_taken_for_one():
    ds = _deadlines("The union set a deadline as wages rose to $15 an hour, or $31,200 "
                    "a year, 10 days before the vote. \"It's 50 days,\" she said.")
    assert [(d.text, d.confidence) for d in ds] == [("a deadline", "low"), ("50 days", "low")]


def test_a_date_without_its_year_is_the_nearest_of_its_name_and_a_weekday_the_coming_one():
    late_december = draft_text("The agency must release the files by Jan. 29.", [], "2031-12-30").deadlines
    assert _days(late_december[0].due) == ("2032-01-29",) * 2
    sunday = draft_text("The court said the school must answer by Thursday.", [], "2031-04-06").deadlines
    assert _days(sunday[0].due) == ("2031-04-10",) * 2
    told_of_the_past = draft_text("Holders had tendered 99% of the shares "
                                  "by the Tuesday deadline, the firm said.",
                                  [], "2031-04-10").deadlines
    assert [(d.text, _days(d.due))
            for d in told_of_the_past] == [("by the Tuesday deadline", ("2031-04-08",) * 2)]


def test_months_and_years_are_counted_on_the_calendar():
    d = draft_text("The firm must sell the unit within 18 months, the regulator said.", [],
                   "2031-10-26").deadlines
    assert _days(d[0].due) == ("2033-04-26",) * 2
    d = draft_text("The state must cut emissions within five years.", [], "2031-10-26").deadlines
    assert _days(d[0].due) == ("2036-10-26",) * 2


@pytest.mark.parametrize("sentence, expression, due", [
    # the day a span counts from is the day the sentence says it was given, not another deadline's day
    ("Under the order, Quellmark must destroy the files within 90 days and hire an auditor by April 15.",
     "within 90 days", ("2031-07-03",) * 2),
    ("Judge Varo moved the May 10 cutoff to May 14 and told the state to report within 48 hours.",
     "within 48 hours", ("2031-04-06",) * 2),
    ("Brask said firms must send their lists by May 1 and pay the fees in the next 30 days.",
     "in the next 30 days", ("2031-05-04",) * 2),
    ("Varo on Monday gave the union 30 days to answer.", "gave the union 30 days", ("2031-04-30",) * 2),
])
def test_a_span_counts_from_the_day_it_was_given_not_from_another_date_in_its_sentence(sentence, expression,
                                                                                      due):
    got = {x.text: _days(x.due) for x in _deadlines(sentence)}
    assert got[expression] == due


def test_a_restated_span_has_the_days_of_what_it_restates_not_a_count_from_its_own_sentence():
    d = _deadlines("Varo on Wednesday gave Brask 72 hours to withdraw.\n\n"
                   "On Saturday an aide said the deadline stood.")
    first, again = d[0], next(x for x in d if x.text == "the deadline")
    assert _days(first.due) == ("2031-04-05",) * 2  # Wednesday, April 2, and three days
    assert again.same_as == 0 and _days(again.due) == _days(first.due)


def test_a_span_looking_back_beside_a_deadline_and_a_similar_deadline_are_not_restatements():
    ds = _deadlines("The nurses set an ultimatum, raising the prospect of the city's first strike in four "
                    "years.\n\nThe league said the club must pay by June 6. It missed a similar deadline in "
                    "December.")
    assert [d.text for d in ds] == ["an ultimatum", "by June 6", "deadline"]
    assert ds[2].same_as is None and _days(ds[2].due) == (None, None)


@pytest.mark.parametrize("sentence, due", [
    ("Quellmark said it had hired a consultant and aims to finish the work by the third quarter.",
     ("2031-07-01", "2031-09-30")),
    ("Quellmark aims to finish the work by the first quarter.", ("2032-01-01", "2032-03-31")),
])
def test_a_quarter_aimed_at_is_the_coming_one(sentence, due):
    assert [_days(d.due) for d in _deadlines(sentence)] == [due]


def test_a_span_said_again_after_a_deadline_of_that_span_restates_it():
    d = _deadlines("The ministry gave farms 60 days to register.\n\n"
                   "\"Sixty days is not enough,\" said Anna Varo. \"Ten days is what we had last time.\"")
    assert [x.text for x in d] == ["gave farms 60 days", "Sixty days"]
    assert d[1].same_as == 0 and _days(d[1].due) == _days(d[0].due) == ("2031-06-03",) * 2


def test_a_demand_told_in_the_past_perfect_is_still_a_deadline_and_a_hyphenated_span_is_said_again():
    d = _deadlines("Varo said he had asked managers to settle the appeals by close of play on Monday.")
    assert [x.text for x in d] == ["by close of play on Monday"]
    d = _deadlines("The watchdog opened a probe, starting the 90-day countdown to a decision.\n\n"
                   "\"Ninety days is a long time in this market,\" an analyst said.")
    assert [x.text for x in d] == ["90-day countdown", "Ninety days"] and d[1].same_as == 0


def test_a_span_past_a_scheduled_end_beside_a_deadline_is_no_deadline():
    ds = _deadlines("Delegates must agree a text by Friday. "
                    "The last summit ran 33 hours beyond its scheduled close.")
    assert [d.text for d in ds] == ["by Friday"]


@pytest.mark.parametrize("sentence, expression, due", [
    # an event dated after it: the day it is on, and for "before" the day before
    ("The government intends to pass the bill before the summer recess begins on May 6.",
     "before the summer recess begins on May 6", ("2031-05-05",) * 2),
    ("The tenants demand that the minister meet them before the Dail returns on Wednesday.",
     "before the Dail returns on Wednesday", ("2031-04-08",) * 2),
    ("The council promised the bridge would be open in time for the start of the school year on Sept. 1.",
     "in time for the start of the school year on Sept. 1", ("2031-09-01",) * 2),
    # what stops unless someone acts
    ("Federal funding expires at midnight, and Congress has no deal.", "funding expires at midnight",
     ("2031-04-04",) * 2),
])
def test_a_day_an_event_is_on_or_funding_runs_out_is_a_deadline(sentence, expression, due):
    got = [d for d in _deadlines(sentence) if d.confidence != "low"]
    assert [d.text for d in got] == [expression]
    assert _days(got[0].due) == due


@pytest.mark.parametrize("sentence, expression", [
    ("Varo has 60 days from the ruling's publication to file an appeal.", "has 60 days"),
    ("The resolution asks the envoy to report \"no later than 30 days after the adoption of this text\" on "
     "progress.", "no later than 30 days"),
    ("The judge said she would rule within a week of receiving the documents.", "within a week"),
    ("The mediator set a target of agreeing a text before parliament rises for the summer.",
     "before parliament rises for the summer"),
    ("The ministry set a goal of vaccinating every child by the start of the school year.",
     "by the start of the school year"),
])
def test_a_deadline_counted_from_or_set_by_an_undated_event_keeps_its_due_day_open(sentence, expression):
    d, = _deadlines(sentence)
    assert d.text == expression and _days(d.due) == (None, None)


@pytest.mark.parametrize("sentence", [
    "The body was found within a week of the storm's arrival.",  # an account
    "Rescuers reached the village within hours of the quake.",
    "Analysts expect a decision within a week of the hearing.",  # a forecast
    "He has 60 days of leave from the job.",  # no "to" act: days someone has, not a deadline
    "Parliament rose for the summer before the vote on the budget.",  # no demand
    "The funding covers the school until 2033.",
])
def test_accounts_forecasts_and_periods_around_events_are_not_deadlines(sentence):
    assert [d.text for d in _deadlines(sentence)] == []


def test_the_clock_running_out_restates_the_deadline_before_it():
    first, again = _deadlines("Congress must pass a budget by midnight on Friday. "
                              "The Senate must act before the clock runs out.")
    assert first.text == "by midnight on Friday" and again.text == "the clock runs out"
    assert again.same_as == 0 and again.due == first.due


@pytest.mark.parametrize("sentence, expression, due", [
    ("The amnesty was extended to a final cutoff of June 30.", "cutoff of June 30", ("2031-06-30",) * 2),
    ("Now they have a little over a month to put the numbers on the table.", "have a little over a month",
     ("2031-05-04",) * 2),
    # "forecast" as a noun makes no forecast of the sentence
    ("The firm said it would present a defence, including an updated production forecast, by the end of the "
     "month.", "by the end of the month", ("2031-04-30",) * 2),
])
def test_a_cutoff_of_a_day_time_someone_has_about_and_a_forecast_named_as_a_thing(sentence, expression, due):
    got = [d for d in _deadlines(sentence) if d.confidence != "low"]
    assert [d.text for d in got] == [expression]
    assert _days(got[0].due) == due


def test_the_event_a_deadline_is_dated_by_named_again_restates_it():
    first, again = _deadlines("The government intends to pass the bill before the Easter recess begins on "
                              "April 20. If it is not passed before the recess, the minister said, it will "
                              "lapse.")
    assert first.text == "before the Easter recess begins on April 20"
    assert _days(first.due) == ("2031-04-19",) * 2
    assert again.text == "before the recess" and again.same_as == 0 and again.due == first.due


@pytest.mark.parametrize("sentence, expression, due", [
    # working days skip the weekend: Friday + 5 working days is the next Friday
    ("Varo must answer within five business days.", "within five business days", ("2031-04-11",) * 2),
    ("The mediator has given them 10 working days to accept.", "given them 10 working days",
     ("2031-04-18",) * 2),
    # a span counted from an event the text dates right there
    ("Under league rules it had 72 hours from Thursday's ruling to file an appeal.",
     "had 72 hours from Thursday", ("2031-04-06",) * 2),
    ("The summer transfer window closes at 11 p.m. on Friday.", "transfer window closes at 11 p.m. on Friday",
     ("2031-04-04",) * 2),
    ("Nominations close on May 10, the clerk said.", "Nominations close on May 10", ("2031-05-10",) * 2),
    ("The council faces a June 30 state deadline.", "June 30 state deadline", ("2031-06-30",) * 2),
    # a past clause, then someone asks for it: the coming Friday
    ("A group said Varo had been far too slow and called on it to email every customer by Friday.",
     "by Friday", ("2031-04-04",) * 2),
    ("Postal votes must arrive before the start of the campaign blackout on June 10.",
     "before the start of the campaign blackout on June 10", ("2031-06-09",) * 2),
])
def test_working_days_events_the_text_dates_windows_and_named_deadlines(sentence, expression, due):
    got = [d for d in _deadlines(sentence) if d.confidence != "low"]
    assert [d.text for d in got] == [expression]
    assert _days(got[0].due) == due


@pytest.mark.parametrize("sentence", [
    "He called negotiators shortly before 11 a.m. and demanded a car.",  # when it happened
    "One bidder was given exclusive access to the books until the end of September.",  # a term
    "Candidates must file a spending return within 30 days after polling day.",  # counted from the vote: open
])
def test_a_time_something_happened_a_term_given_and_a_span_after_an_undated_event(sentence):
    assert [_days(d.due) for d in _deadlines(sentence) if d.confidence != "low"] in ([], [(None, None)])


def test_a_restatement_may_say_no_later_than_or_after_that_date():
    first, again = _deadlines("The club must file its accounts by May 15. Files sent after that date will "
                              "be refused.")
    assert again.text == "after that date" and again.same_as == 0 and again.due == first.due


def test_the_new_date_restates_the_deadline_as_last_moved():
    first, moved, new = _deadlines("The club must file its accounts by May 15. On Monday the league moved "
                                   "the deadline to May 29. The new date is final, the league said.")
    assert moved.same_as == 0 and _days(moved.due) == ("2031-05-29",) * 2
    assert new.text == "The new date" and new.same_as == 1 and new.due == moved.due


def test_a_payment_due_in_a_month_falls_due_in_that_month():
    got = _deadlines("Payments for most borrowers will be due in October, on the date shown on their bill.")
    assert [(d.text, _days(d.due)) for d in got] == [("due in October", ("2031-10-01", "2031-10-31"))]


def test_a_day_of_the_month_alone_restates_the_deadline_due_that_day():
    first, again = _deadlines("The club has until 5 p.m. on April 15 to show it can pay. \"If the documents "
                              "are not with us by the 15th, the matter goes to the board,\" she said.")
    assert again.text == "by the 15th" and again.same_as == 0 and again.due == first.due


@pytest.mark.parametrize("sentence, due", [
    ("Tenants must pay the arrears by the 5th, the court said.", ("2031-04-05",) * 2),
    ("The panel asked for the files by the 31st.", ("2031-05-31",) * 2),  # April has no 31st
])
def test_a_day_of_the_month_asked_for_is_the_first_such_day_after_the_article_s(sentence, due):
    got = _deadlines(sentence)
    assert [_days(d.due) for d in got] == [due]


@pytest.mark.parametrize("sentence, expression", [
    ("Under trade union law, the union must give at least 14 days' notice before any new walkouts.",
     "at least 14 days' notice"),
    ("Ortiz said the union would give the hospital at least 10 days' notice of any new strike date.",
     "at least 10 days' notice"),
])
def test_notice_someone_must_give_before_an_undated_event_is_a_deadline_left_open(sentence, expression):
    assert _readings(sentence) == [(expression, (None, None))]


@pytest.mark.parametrize("sentence, expression, due", [
    ("The university will not accept any application for 2032 entry after June 30, 2031.",
     "after June 30, 2031", ("2031-06-30",) * 2),
    ("Ballots received after May 5 will be rejected, the clerk said.", "after May 5", ("2031-05-05",) * 2),
    ("Online applications will be accepted until 11:59 p.m. Friday.", "accepted until 11:59 p.m. Friday",
     ("2031-04-04",) * 2),
    ("A 2029 return can be amended until April 30, 2032.", "amended until April 30, 2032",
     ("2032-04-30",) * 2),
])
def test_the_last_day_something_is_taken_is_a_deadline(sentence, expression, due):
    assert _readings(sentence) == [(expression, due)]


def test_a_deadline_named_right_after_after_is_still_one():
    got = _deadlines("Talks went on after the June 30 deadline.")
    assert [(d.text, _days(d.due)) for d in got] == [("June 30 deadline", ("2031-06-30",) * 2)]


@pytest.mark.parametrize("sentence, expression, due", [
    # a window that closes, on a day or in a span of time from the article's day
    ("The lunar launch window closes on May 9; if the lander misses it, the next one opens in July.",
     "window closes on May 9", ("2031-05-09",) * 2),
    ("Registration window shuts in two weeks.", "Registration window shuts in two weeks",
     ("2031-04-18",) * 2),
    # "has N hours" said alone, with "not a day more"
    ('"The operator has 72 hours, not a day more," the minister said.', "has 72 hours", ("2031-04-07",) * 2),
    # the end of a stretch after "before", as "by" reads it
    ("The ministry would publish final guidance before the year is out.", "before the year is out",
     ("2031-12-31",) * 2),
    ("The proposal needs the approval of parliament before the end of the year to take effect.",
     "before the end of the year", ("2031-12-31",) * 2),
    ("The company will halve its emissions by the end of the decade.", "by the end of the decade",
     ("2039-12-31",) * 2),
    # a clock time said by the clock, and on a day named before it
    ("He has until six o'clock to come out, the police said.", "has until six o'clock", ("2031-04-04",) * 2),
    ("The vote is on May 12. Ballots must arrive by 8 p.m. that day.", "by 8 p.m. that day",
     ("2031-05-12",) * 2),
    # a recommendation is asked for, though told in the past
    ("A panel recommended that the contract be renegotiated by the end of 2032, but talks never began.",
     "by the end of 2032", ("2032-12-31",) * 2),
    # the close of trading; a truce "due to expire"; a clock time with its zone in words
    ("Investors have until the close of trading on Monday to tender their shares.",
     "have until the close of trading on Monday", ("2031-04-07",) * 2),
    ("The ceasefire is due to expire at midnight on Sunday.",
     "ceasefire is due to expire at midnight on Sunday", ("2031-04-06",) * 2),
    ("The company has until 5 p.m. Eastern time on Monday to respond.",
     "has until 5 p.m. Eastern time on Monday", ("2031-04-07",) * 2),
    ("Tenders must be submitted by 12 noon on 14 May 2031.", "by 12 noon on 14 May 2031",
     ("2031-05-14",) * 2),
    ("The IMF wants the reforms in place by the second half of next year.", "by the second half of next year",
     ("2032-07-01", "2032-12-31")),
    ("The bank must repay the loan by end-September.", "by end-September", ("2031-09-30",) * 2),
    # "on or before": that day, not the day before
    ("Forms must be filed on or before Sept. 30.", "on or before Sept. 30", ("2031-09-30",) * 2),
    # a clause of its own after the date does not make the date a forecast
    ("The maker said it would release an update by the end of the month, after researchers showed that a "
     "flaw could let attackers in.", "by the end of the month", ("2031-04-30",) * 2),
])
def test_windows_that_close_clock_times_and_the_end_of_a_stretch_before_it(sentence, expression, due):
    assert _readings(sentence, low=False) == [(expression, due)]


def test_a_clock_time_on_polling_day_falls_due_on_the_day_the_text_gives_the_vote_else_stays_open():
    dated = _deadlines("Nominations for the June 12 mayoral election open on Monday. Postal ballots must be "
                       "received no later than 8 p.m. on polling day. Candidates must file their spending "
                       "within 30 days after polling day.")
    assert [(d.text, _days(d.due)) for d in dated] == [
        ("no later than 8 p.m. on polling day", ("2031-06-12",) * 2),
        ("within 30 days after polling day", ("2031-07-12",) * 2)]
    undated, = _deadlines("Postal ballots must be received no later than 8 p.m. on polling day.")
    assert (undated.text, _days(undated.due)) == ("no later than 8 p.m. on polling day", (None, None))
    assert "does not date" in undated.check


@pytest.mark.parametrize("sentence", [
    "The window on Saturday closes at 8:41 a.m. If the launch slips, it opens again on Sunday.",  # hours
    "The store closes in two hours.",  # a shop's hours
    "He resigned before the end of the year.",  # told, not asked
    "A ruling is unlikely before the end of the year.",  # a forecast
    "By 1965 it had 2,800 workers, and by the end of the decade it had become the largest supplier.",  # past
    "The museum is open until Friday.",  # opening hours
    "The utility expects to restore power to most customers by Sunday, though it cautioned that some lines "
    "could take longer.",  # a forecast, whatever clause follows
])
def test_hours_forecasts_and_accounts_around_the_new_readings_are_not_deadlines(sentence):
    assert [d.text for d in _deadlines(sentence)] == []


@pytest.mark.parametrize("sentence, expression, due", [
    ("Voters must register at least 15 days before the election.", "at least 15 days before the election",
     (None, None)),
    ("Servicers were told to send statements at least 21 days before a borrower's first payment is due.",
     "at least 21 days before a borrower's first payment is due", (None, None)),
    # the event dated right there: counted back from its day (the coming Nov. 4)
    ("Voters must register 15 days before the Nov. 4 election.", "15 days before the Nov. 4 election",
     ("2031-10-20",) * 2),
    # an event's end on a day or in a year
    ("The league gave clubs until the end of the transfer window on Sept. 1 to register players.",
     "gave clubs until the end of the transfer window on Sept. 1", ("2031-09-01",) * 2),
    ("Retailers have until the end of a transition period in 2033 to relabel their stock.",
     "have until the end of a transition period in 2033", ("2033-01-01", "2033-12-31")),
])
def test_a_span_kept_before_an_event_and_the_end_of_an_event_on_a_day_or_in_a_year(sentence, expression, due):
    assert _readings(sentence) == [(expression, due)]


@pytest.mark.parametrize("sentence", [
    "Two days before the election, he resigned.",  # an account
    "The poll was taken 15 days before the election.",  # nothing asked
    "He stopped booking paid speeches seven months before he announced, aides ordered.",  # the event is past
    "The banks must wait at least 30 days before closing the purchase.",  # the earliest day, not the last
    "Bloomberg told the magazine in 2013, a few months before his third term began.",  # "told": said
])
def test_spans_before_events_told_or_waited_are_not_deadlines(sentence):
    assert [d.text for d in _deadlines(sentence)] == []


@pytest.mark.parametrize("sentence, expression, due", [
    ("Staff were told to clear their desks by the end of the day.", "by the end of the day",
     ("2031-04-04",) * 2),
    ("We must finish by end of day Monday.", "by end of day Monday", ("2031-04-07",) * 2),
    ("The EU has set a deadline of midnight Brussels time on Sunday.",
     "deadline of midnight Brussels time on Sunday", ("2031-04-06",) * 2),
    ("The bank must reply by 5 p.m. local time on Monday.", "by 5 p.m. local time on Monday",
     ("2031-04-07",) * 2),
    ("Clubs have until 11pm on deadline day to complete signings.", "have until 11pm on deadline day",
     (None, None)),
])
def test_the_end_of_the_day_a_clock_time_in_a_city_s_time_and_deadline_day(sentence, expression, due):
    assert _readings(sentence, low=False) == [(expression, due)]


def test_the_end_of_term_is_an_event_the_text_does_not_date():
    d, = _deadlines("Schools must publish their results by the end of term.")
    assert (d.text, _days(d.due), d.confidence) == ("by the end of term", (None, None), "low")


@pytest.mark.parametrize("sentence", [
    "At the end of the day, it is about trust.",  # "in the end"
    "By the end of the day, hundreds had gathered outside the court.",  # an account
    "The shares rose by the close of business.",
])
def test_the_end_of_the_day_told_or_as_an_idiom_is_no_deadline(sentence):
    assert [d.text for d in _deadlines(sentence)] == []


def test_a_deadline_moved_with_words_between_it_and_its_new_day_is_linked_to_it():
    got = _deadlines("A judge moved the April 10 cutoff set by state law to April 14 after the site crashed.")
    assert [(d.text, _days(d.due), d.same_as) for d in got] == [
        ("April 10 cutoff", ("2031-04-10",) * 2, None), ("to April 14", ("2031-04-14",) * 2, 0)]
    assert [d.text for d in _deadlines("The board moved the meeting date to Friday.")] == []


def test_on_or_before_a_day_without_a_demand_is_a_schedule():
    assert [d.text for d in _deadlines("Sixteen states hold contests on or before March 1.")] == []


def test_who_gives_in_a_joined_clause_is_the_sentence_s_subject_and_a_restatement_keeps_the_setter():
    d = draft_text("The Supreme Court of Varo on Tuesday struck down the firearms law, but gave Parliament "
                   "12 months to write a replacement.\n\n\"The deadline is tight,\" Pieter Brask told "
                   "reporters.", [], REF)
    names = {m.actor_id: m.text for m in d.mentions}
    gave, again = d.deadlines
    assert gave.text == "gave Parliament 12 months" and "Supreme Court" in names[gave.set_by]
    assert names[gave.addressee] == "Parliament"
    assert again.text == "The deadline" and again.same_as == 0 and again.set_by == gave.set_by


def test_given_with_no_giver_named_has_no_setter():
    d = draft_text("About 3,000 families in Varo were given seven days on Monday to leave their homes.", [],
                   REF)
    assert [(x.text, x.set_by) for x in d.deadlines] == [("given seven days", None)]


def test_has_given_opening_the_deadline_names_its_setter_and_whom_it_is_for_not_the_paper_that_saw_it():
    d = draft_text("Tarrow Borough Council has five weeks to close a hole in its budget, the council "
                   "said.\n\nIts leader wrote to the Ministry of Finance of Varo asking for help. The whole "
                   "town has followed the story for months, and residents have written to the paper.\n\n"
                   "The ministry has given the council until Friday to send a business case, according to a "
                   "letter seen by the Tarrow Gazette.", [], REF)
    names = {p.id: p.name for p in d.proposed}
    given = next(x for x in d.deadlines if x.text.startswith("has given"))
    assert (names[given.set_by], names[given.addressee]) == ("Ministry of Finance of Varo",
                                                             "Tarrow Borough Council")
    letter = next(s for s in d.statements if s.cue_start and d.text[s.cue_start:s.cue_end] == "according to")
    assert letter.speaker is None and d.text[letter.speaker_start:letter.speaker_end] == "a letter"


@pytest.mark.parametrize("sentence, expected", [
    # a vague span after "within" is a forecast unless the sentence demands it
    ('A spokesman said the department would file an appeal "within days".', []),
    ("Residents must leave within days, the army said.", [("within days", ("2031-04-06", "2031-04-11"))]),
    ("Challengers have only weeks to make their case or face extinction.",
     [("have only weeks", ("2031-04-18", "2031-05-16"))]),
    # what someone expected to do, or expected another to do, is a forecast
    ("The chief said the inquiry, which she expected to conclude within a fortnight, was under way.", []),
    ("Analysts said they expected Quorvix to offer concessions within weeks.", []),
    ("The firm said it expected to resume deliveries within six to eight weeks.", []),
    # a span given in a year gone by counts from a day of it the text does not state
    ("In 2029, the company was given 90 days to fix its record-keeping.", [("given 90 days", (None, None))]),
])
def test_vague_spans_expectations_and_spans_given_in_a_past_year(sentence, expected):
    assert [(d.text, _days(d.due)) for d in _deadlines(sentence) if d.confidence != "low"] == expected


def test_giving_in_a_clause_after_the_sentence_s_is_its_subject_s_deadline():
    d = draft_text("Halvorsen Group on Tuesday launched an offer for the snack maker Tarrow Foods, giving "
                   "shareholders until July 2 to accept.", [], REF)
    names = {p.id: p.name for p in d.proposed}
    assert [(x.text, names.get(x.set_by), _days(x.due)) for x in d.deadlines] == \
        [("giving shareholders until July 2", "Halvorsen Group", ("2031-07-02",) * 2)]


@pytest.mark.parametrize("sentence, expected", [
    # the weekend asked for is the coming one; "before" a stretch is the day before it starts
    ("The mayor urged both sides to reach agreement by the weekend.",
     [("by the weekend", ("2031-04-05", "2031-04-06"))]),
    ("The mayor urged both sides to reach agreement before the weekend.",
     [("before the weekend", ("2031-04-04", "2031-04-04"))]),
    ("They must pay before 2033.", [("before 2033", ("2032-12-31", "2032-12-31"))]),
    # a meeting asked for within a span is a deadline; one agreed on is a schedule
    ("The MP wrote to the trust demanding a meeting within the next seven days.",
     [("within the next seven days", ("2031-04-11", "2031-04-11"))]),
    ("The two leaders agreed to meet again in the coming weeks.", []),
])
def test_weekends_and_stretches_asked_for_and_meetings_demanded(sentence, expected):
    assert [(d.text, _days(d.due)) for d in _deadlines(sentence) if d.confidence != "low"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a sport's season starting is an event the text does not date, not the first months of a year
    ('The club said it was committed to finishing the stand "by the start of the 2032-33 season".',
     [("by the start of the 2032-33 season", (None, None))]),
    ("The club must finish the stand by the start of next season.",
     [("by the start of next season", (None, None))]),
    ("The team was relegated at the end of the season.", []),
])
def test_the_start_of_a_season_is_an_undated_event(sentence, expected):
    assert [(d.text, _days(d.due)) for d in _deadlines(sentence)] == expected


def test_a_deadline_named_without_a_date_and_restated_by_none_is_kept_with_low_confidence():
    ds = _deadlines("Talks stall as deadline nears\n\nThe union gave the firm until Friday to answer. The "
                    "firm said it would meet the deadline.")
    assert [(d.text, d.confidence, d.same_as) for d in ds] == [
        ("deadline", "low", None), ("gave the firm until Friday", "high", None),
        ("the deadline", "medium", 1)]


@pytest.mark.parametrize("sentence, expected", [
    ("He noted that the council had already voted in March to reopen the beds by May 1.",
     [("by May 1", ("2031-05-01",) * 2)]),  # a decision told in the past, its day to come
    ("Negotiators have pledged to finalise the reform before the summer recess.",
     [("before the summer recess", (None, None))]),
    ("The bloc's sanctions are set to expire on July 31 unless renewed.",
     [("sanctions are set to expire on July 31", ("2031-07-31",) * 2)]),
    ("The regulator gave three platforms 20 working days to explain, after its staff found that children "
     "could sign up.", [("gave three platforms 20 working days", ("2031-05-02",) * 2)]),
    ("Varga has 18 months left on his current deal.", []),  # a contract's term
    ("A decision was expected before the end of the year.", []),  # a forecast
    ("The government said it expected talks with Brussels on a new agreement to conclude in the coming "
     "months.", []),
    ('"If we terminate in two weeks, who picks up the trash?" she asked.', []),  # a supposition
])
def test_decisions_told_in_the_past_recesses_sanctions_expiring_and_suppositions(sentence, expected):
    assert [(d.text, _days(d.due)) for d in _deadlines(sentence) if d.confidence != "low" or
            d.due == (pd.NaT, pd.NaT)] == expected


def test_an_adverb_between_has_and_given_keeps_the_giver():
    d = draft_text("The Premier League has separately given Rovers 21 days to respond.", [], REF)
    names = {p.id: p.name for p in d.proposed}
    assert [(x.text, names.get(x.set_by)) for x in d.deadlines] == [("given Rovers 21 days",
                                                                     "Premier League")]
