"""Reversals the article reports ("walked back", "flip-flopped", "despite saying in May") become
contradictions of kind "reported" with their evidence, holder, cue and positions (issue 15). The
sentences are written for these tests; the PolNeAR figures come from ``onrecord.evaluation.reversals``."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from conftest import shared_path
from onrecord import read
from onrecord.evaluation import reversals

PUBLISHED = "2024-03-14"

REPORTED = [
    # a condition or an insistence is a stated position; a body's name may carry a prefix
    (
        "Norway has dropped its condition that the fleet be cut before it signs the accord.",
        "Norway",
        "dropped its condition",
    ),
    (
        "The budget subcommittee backed off a requirement that every port charge a levy.",
        "The budget subcommittee",
        "backed off",
    ),
    (
        "The council has backed down from some proposed fare increases after the protests.",
        "The council",
        "backed down",
    ),
    (
        "Despite its earlier demand for a recount, the Tavern Party accepted the result on Monday.",
        "the Tavern Party",
        "Despite its earlier demand",
    ),
    # the first verb's "not" is its own under "but"; a past "until" clause happened
    (
        "Mayor Ines Carvalho did not apologise but reversed herself on the tunnel.",
        "Ines Carvalho",
        "reversed",
    ),
    (
        "Senator Piet Vander backed the ferry tax until he reversed himself in May.",
        "Piet Vander",
        "reversed himself",
    ),
    (
        "Governor Lena Okafor walked back her comments that the ferry would close.",
        "Lena Okafor",
        "walked back",
    ),
    ("Senator Piet Vander reversed himself on the water tax.", "Piet Vander", "reversed himself"),
    ("Mayor Ines Carvalho backtracked on Tuesday after the protests.", "Ines Carvalho", "backtracked"),
    ("Critics portrayed Dov Amsel as a flip-flopper on trade.", "Dov Amsel", "flip-flopper"),
    (
        "Despite saying in May that she would never sell the park, Ines Carvalho announced its sale.",
        "Ines Carvalho",
        "saying",
    ),
    (
        "Senator Maria Lindqvist, who once supported the pipeline, now says it must be stopped.",
        "Lindqvist",
        "supported",
    ),
    ("Governor Lena Okafor abandoned her pledge to freeze fares.", "Lena Okafor", "abandoned her pledge"),
    # a concessive clause is said as fact even under a main clause's "will"
    (
        "Piet Vander will attack her on water (though Lena Okafor has shifted on that issue), analysts say.",
        "Lena Okafor",
        "shifted",
    ),
    ("The Norwegian about-face on whaling surprised the delegates.", "Norwegian", "about-face"),
    ("Last October, Governor Lena Okafor changed course and kept the ferry.", "Lena Okafor", "changed"),
    (
        "Senator Piet Vander turned his back on a ferry bill he wrote in 2019.",
        "Piet Vander",
        "turned",
    ),
    (
        "The strike forced her rival, Lena Okafor, to distance herself from the toll she once backed.",
        "Lena Okafor",
        "distance",
    ),
    (
        "Mayor Ines Carvalho has supported the tunnel for years but has since said it costs too much.",
        "Ines Carvalho",
        "said",
    ),
    ("Party officials said they would not allow it. Later they reversed themselves.", "they", "reversed"),
    # a phrase before the verb is not what it backs out of
    ("Under pressure from the unions, the Talvik government backed out.", "Talvik", "backed out"),
    ("Governor Lena Okafor has been forced to backtrack on the toll.", "Lena Okafor", "backtrack"),
    (
        "Reports suggested Governor Lena Okafor went back on a pledge to cut fares.",
        "Lena Okafor",
        "went back",
    ),
    # a participle says what the statement does: the head's "never" denies the meeting, not the reversal;
    # "many of her own promises" are her promises
    (
        "Mayor Ines Carvalho said on Monday that she has never backed the toll, contradicting many of her "
        "own promises during the race that she would build it.",
        "Ines Carvalho",
        "contradicting many",
    ),
    (
        "Senator Piet Vander voted against the ferry bill, abandoning several of his earlier pledges.",
        "Piet Vander",
        "abandoning several",
    ),
    # nouns of a reversal a second list of general words holds: a rethink, an about-turn, a retreat
    # (a reversal only from a held position, on a topic or by someone)
    ("Ministers have had a rethink on the water levy since the floods.", "Ministers", "rethink"),
    ("The Norland government's about-turn on tuition fees surprised students.", "Norland", "about-turn"),
    ("The port board announced a retreat from its earlier stance on fees.", "The port board", "retreat"),
    ("The new budget is a humiliating retreat by the Tavern Party.", "the Tavern Party", "retreat"),
    ("The ministry's retreat on pensions angered the unions.", "The ministry", "retreat"),
    # one's own plan or ban suspended or lifted
    (
        "The Norland government has suspended its plan to close the rural clinics.",
        "The Norland government",
        "suspended its plan",
    ),
    ("The Harbor City council lifted its ban on street stalls.", "The Harbor City council", "lifted its ban"),
    # a phrase of time or cause after a particle is not what the holder backed down from
    (
        "The Norland government was forced to back down after the protests.",
        "The Norland government",
        "back down",
    ),
    # the parser splits "flip-flopped" into a noun "Name flip" and a verb "flopped"
    (
        "The party says Marta Ruiz flip-flopped on whether the levy would pass.",
        "Marta Ruiz",
        "flip-flopped",
    ),
    ("Rosa Tamm flip-flopped on the toll.", "Rosa Tamm", "flip-flopped"),
    ("Rosa Tamm has flip-flopped on the toll.", "Rosa Tamm", "flip-flopped"),
    ("Mayor Ines Carvalho spoke first. As Ruiz noted, Carvalho did flip-flop.", "Carvalho", "flip-flop"),
    ("Rosa Tamm accused Dov Amsel of flip-flopping on trade.", "Dov Amsel", "flip-flopping"),
    # a demonstrative under "later" points to the position just told of
    (
        "Senator Ana Sol later reversed that statement, saying the toll must stay.",
        "Ana Sol",
        "reversed that statement",
    ),
    # "went from saying X to saying Y"; "used to be in favor of ... but is now against it"
    (
        "Senator Ana Sol went from saying that she backed the toll in some cases to saying she would end it.",
        "Ana Sol",
        "went from",
    ),
    (
        "Senator Ana Sol has gone from being a pro-toll candidate to calling herself an opponent of it.",
        "Ana Sol",
        "gone from",
    ),
    (
        "The governor, Rosa Tamm, went from praising the new toll to attacking it.",
        "Rosa Tamm",
        "went from",
    ),
    # the one accused, blamed or praised "of"/"for" a reversal made it, not the one who says so
    (
        "Opposition leader Ivo Brandt has accused Rosa Tamm of performing U-turns over the toll.",
        "Rosa Tamm",
        "U-turns",
    ),
    ("Critics blamed Rosa Tamm for reversing course on the toll.", "Rosa Tamm", "reversing course"),
    ("Senator Rosa Tamm has been accused of flip-flops.", "Rosa Tamm", "flip-flops"),
    (
        "Senator Rosa Tamm opposed the toll for years. "
        "On Monday Ivo Brandt praised her for changing her position.",
        "Rosa Tamm",
        "changing her position",
    ),
    # "by" gives the means of the subject's own act
    (
        "Mayor Rosa Tamm won the vote by reversing her stance on the toll.",
        "Rosa Tamm",
        "reversing her stance",
    ),
    # a plural reversal with a topic, or with an owner
    (
        "Senator Ana Sol has made several U-turns on the toll this year.",
        "Ana Sol",
        "U-turns",
    ),
    (
        "Rosa Tamm's flip-flops on the toll angered voters.",
        "Rosa Tamm",
        "flip-flops",
    ),
    (
        "Critics said Senator Ana Sol used to be in favor of the toll but is now against it.",
        "Ana Sol",
        "used",
    ),
    # an earlier saying with the reporter's own later word after what was said; a "but" clause or a
    # relative clause the parser hangs inside what was said is still the reporter's
    ("Ivo Brandt had previously said the toll was fair, but now says it must go.", "Ivo Brandt", "said"),
    ("Ivo Brandt previously said the toll was needed but later said it was not.", "Ivo Brandt", "said"),
    ("Dov Amsel had previously said he opposed a tax he now supports.", "Dov Amsel", "said"),
    # ... and a contrast or time clause about the same holder, or a past event added with "and later"
    (
        "Lena Okafor earlier said she opposed the ferry sale, though she has since endorsed it.",
        "Lena Okafor",
        "said",
    ),
    (
        "Peter Saar earlier said he opposed the toll, before later saying he supported it.",
        "Peter Saar",
        "said",
    ),
    (
        "Ana Sol previously said there would be no new taxes, then later announced a levy on ferries.",
        "Ana Sol",
        "said",
    ),
    # a withdrawn proposal of policy, a pledge about a merger, and a stance on both sides of an issue
    # (guards for the look-alikes of a bid to buy and of hearing both sides)
    ("Rosa Tamm has withdrawn her proposal to close the library.", "Rosa Tamm", "withdrawn"),
    ("Lena Okafor abandoned her pledge to merge the two police forces.", "Lena Okafor", "abandoned"),
    ("Ivo Brandt has been on both sides of the toll question.", "Ivo Brandt", "both sides"),
    ("Ivo Brandt is talking out of both sides of his mouth on the mine.", "Ivo Brandt", "both sides"),
    ("Lena Okafor has argued for both sides of the ferry debate this year.", "Lena Okafor", "both sides"),
    # a quotation mark between the name and a split "flip-flop" makes the name a modifier of "flip"
    (
        'Lena Okafor said Rosa Tamm "flip-flopped on the toll and has earned a rebuke from the council."',
        "Rosa Tamm",
        "flip",
    ),
    # "at first" is an earlier adverb of two words
    (
        "At first, Rosa Tamm said the toll was fair, but later she conceded it was not.",
        "Rosa Tamm",
        "said",
    ),
    # a position held "now" against an earlier one: in the clause before "but now", or in the sentence
    # before with a word that dates it; a pronoun there stands for the holder named first
    (
        "Senator Ana Sol backed the toll in her first term, but now she wants a vote on scrapping it.",
        "Ana Sol",
        "now she wants",
    ),
    (
        "Rosa Tamm voted against the ferry levy originally. She now believes it should stay.",
        "Rosa Tamm",
        "now believes",
    ),
    (
        "In 2019, Rosa Tamm described herself as a friend of the harbor. Now, she says it must close.",
        "Rosa Tamm",
        "Now",
    ),
    ("Last year, Rosa Tamm backed the toll. She now opposes it.", "Rosa Tamm", "now opposes"),
    ("The harbor council originally rejected the bid. It now backs it.", "The harbor council", "now backs"),
    (
        "Rosa Tamm backed the toll in her first term, but she now wants it scrapped.",
        "Rosa Tamm",
        "now wants",
    ),
    # a "not" before the subject is not the verb's
    ("Not for the first time, Rosa Tamm has reversed her position on the toll.", "Rosa Tamm", "reversed"),
    ("Mayor Ana Sol now backs the ferry plan she once called unworkable.", "Ana Sol", "now backs"),
    # a reversal noun used as a verb, split in three by the tokenizer; yielding "over" a topic
    ("The harbor council U-turned over the parking charges.", "The harbor council", "U-turned"),
    ("The harbor council backed down over the parking charges.", "The harbor council", "backed down"),
    (
        "The harbor council has scrapped its plan to close the ferry.",
        "The harbor council",
        "scrapped its plan",
    ),
    # idioms: pushed into a U-turn (the tokenizer splits it in three), taking both sides
    (
        "The harbor council was forced into a humiliating U-turn over parking charges.",
        "The harbor council",
        "U-turn",
    ),
    ("Protests pushed Ivo Brandt into an about-face on the levy.", "Ivo Brandt", "about-face"),
    # the parser hangs the owner of a split "U-turn" on its first part
    ("Rosa Tamm's U-turn on the ferry levy surprised her allies.", "Rosa Tamm", "U-turn"),
    ("The harbor council's U-turn on parking charges angered drivers.", "The harbor council", "U-turn"),
    ("Since Rosa Tamm has taken both sides on the toll, both camps quote her.", "Rosa Tamm", "both sides"),
    # a perfect under "suggests" reports what happened
    (
        "A leaflet suggests that Rosa Tamm has changed her position on the toll.",
        "Rosa Tamm",
        "changed her position",
    ),
    # "it" in the second clause is the first clause's holder, "she" in a report the speaker; a relative
    # clause makes a condition hers
    (
        "The harbor mayor said she had changed her mind on the stadium.",
        "The harbor mayor",
        "changed her mind",
    ),
    (
        "The Norwegian government had demanded a recount, but it later dropped this demand.",
        "The Norwegian government",
        "dropped this demand",
    ),
    (
        "Norway has lifted the condition it imposed on the sale of fish to Iceland.",
        "Norway",
        "lifted the condition",
    ),
    # twenty-fourth session, general phrasings: a day after the particle is when, not what was left;
    # "take back" and "go back on" a stated position ("word"); "pivot from X-ing to Y-ing"; regret of
    # one's own stance; a stance the modifier says is over, or the opposite one become; "come around
    # to" a stated position, also someone else's
    ("The harbor board backed away from its plan on Monday.", "The harbor board", "backed away"),
    ("Lena Okafor took back her comments about the ferry union on Friday.", "Lena Okafor", "took back"),
    ("Peter Saar has gone back on his word to protect the forest.", "Peter Saar", "gone back"),
    ("Lena Okafor pivoted from opposing the pipeline to backing it.", "Lena Okafor", "pivoted from"),
    ("Lena Okafor said she now regrets voting for the war.", "Lena Okafor", "regrets"),
    ("Governor Ivo Brandt regretted his vote for the toll.", "Ivo Brandt", "regretted"),
    ("Peter Saar, a former critic of the pipeline, now backs it.", "Peter Saar", "former critic"),
    ("Rosa Tamm has come around to the idea of a wealth tax.", "Rosa Tamm", "come around"),
    ("Tomas Rebane came round to his rival's view on the toll.", "Tomas Rebane", "came round"),
    ("Rosa Tamm now regrets having voted for the toll.", "Rosa Tamm", "regrets"),
    (
        "Piet Vander, once a fierce opponent of the deal, has become one of its loudest supporters.",
        "Piet Vander",
        "once a fierce opponent",
    ),
    # twenty-fifth session: one's own words taken back, a regret of one's own earlier stance told in a
    # clause, a stance arrived at told by a gerund
    ("Rosa Tamm took back what she had said about the park on Monday.", "Rosa Tamm", "took back"),
    ("Lena Okafor said she regrets that she voted for the toll.", "Lena Okafor", "regrets"),
    ("Peter Saar has come round to supporting the bridge.", "Peter Saar", "come round"),
    # twenty-sixth session: a reversal noun after a verb of blame, a body named by a common noun, one's
    # own words contradicted or retracted, a holder's statements said to be at odds, a phrase of cause
    # after the particle, a vote changed, a stance held "until recently"
    ("The opposition faulted Ivo Brandt for flip-flopping on the bridge.", "Ivo Brandt", "flip-flopping"),
    ("The university reversed its decision to raise fees after protests.", "university", "reversed"),
    ("The regulator backed away from its threat to fine the banks.", "regulator", "backed away"),
    ("Ana Sol contradicted what she had said in March about the port.", "Ana Sol", "contradicted what"),
    ("Peter Saar retracted what he told reporters on Friday.", "Peter Saar", "retracted"),
    ("Nordvik Bank retracted the claim in a statement on Tuesday.", "Nordvik Bank", "retracted the claim"),
    ("Dov Amsel's accounts of the meeting have been contradictory.", "Dov Amsel", "contradictory"),
    (
        "Under pressure, Rosa Tamm backed away from her pledge given the cost of the bridge.",
        "Rosa Tamm",
        "backed",
    ),
    ("Ana Sol changed her vote on the bill after the hearing.", "Ana Sol", "changed her vote"),
    ("Until recently, Lena Okafor opposed the toll.", "Lena Okafor", "Until recently"),
    ("Until recently Nordvik Bank had been dismissive of mobile banking.", "Nordvik Bank", "Until recently"),
    ("Voters praised the council for its U-turn on the toll.", "council", "U-turn"),
    # twenty-seventh session: what only its maker can withdraw, a thing once backed, a belief held no
    # longer
    ("Prime Minister Ivo Brandt has withdrawn a request to close the base.", "Ivo Brandt", "withdrawn"),
    ("The government later withdrew Friday's request to close the base.", "government", "withdrew"),
    ("Nordvik Bank has dropped the threat of legal action against five lenders.", "Nordvik Bank", "dropped"),
    ("Rosa Tamm backed away from a toll she once supported.", "Rosa Tamm", "backed away"),
    ("Peter Saar abandoned the tax he had championed for years.", "Peter Saar", "abandoned the tax"),
    ("Peter Saar no longer suspects foul play, his lawyer said.", "Peter Saar", "no longer"),
    ("The ministry shelved its plan to sell the port after the protests.", "ministry", "shelved its plan"),
    # an act against a thing once backed; a position one took
    ("Peter Saar voted against a measure that he once supported.", "Peter Saar", "voted"),
    ("Rosa Tamm condemned the ban she had previously defended.", "Rosa Tamm", "condemned"),
    ("Ana Sol repudiated the position she took last year.", "Ana Sol", "repudiated the position"),
]

NOT_REPORTED = [
    "Fifa 2005 is back at the top of the games charts, a week after losing to rival Pro Evolution Soccer 4.",
    # despite a claim that was not the actor's own, or not said to be earlier
    "Despite Piet Vander's earlier pledge, Lena Okafor voted for the toll.",
    "Despite his claim that the toll was illegal, the court upheld it.",
    "The council backed down from the fare rises the unions had called for.",
    # a denial, a phrase's "no", a warning and a condition still to be met govern what they carry
    "The minister denied the government had dropped its opposition to the tax or altered its position.",
    "The central bank in no way abandoned its money supply policy with the rate cut, Halvorsen said.",
    "A revaluation could result in Norway running a deficit and being forced to renege on its loans.",
    "The farmers will keep up the boycott until the government changes its grain policy.",
    "There was speculation the government was preparing a U-turn on fuel duty, which the treasury denied.",
    "The appeals court reversed a ruling by a lower court.",  # someone else's decision
    "Piet Vander refused to back down on the water tax.",  # refused: nothing changed
    "Would Piet Vander change his position?",  # a question
    "Piet Vander did not change his position on the tax.",  # negated
    "Analysts think Piet Vander will soften his stance.",  # a prediction
    "Dov Amsel backed away from the merger after the audit.",  # a deal, not a position
    "Rosa Tamm walked back to her car after the vote.",  # literal
    "Rosa Tamm contradicted Dov Amsel on the budget.",  # another person
    "Despite signs that Rosa Tamm was backing down on the toll, she said it stays.",  # a noun's clause
    "Rosa Tamm distanced herself from the Green Dawn movement.",  # a group she never held
    "Councillor Rosa Tamm used to support Dov Amsel, but now she backs Ines Carvalho.",  # allegiance
    "Ferry Firms Reverse Course On Fares As Fuel Costs Rise.",  # title case: the parser reads names
    "Falling Deficit To Reverse Course As Harbor City Ages.",  # and "Falling Deficit" is no one
    "Firms dodge taxes by renouncing their citizenship.",  # a bare plural is a class, not a holder
    "Voters worried that Rosa Tamm was softening her position on the toll.",  # a worry, not a report
    "The new terminal was the latest evolution after decades of growth.",  # whose evolution?
    "Rosa Tamm suggested the council go back on its pledge to cut fares.",  # urged, not reported
    '"It has got to change itself," Rosa Tamm said of the council.',  # an obligation, not a change
    "The band Rosa Tamm founded is now a hit on both sides of the Atlantic.",  # geography
    "Rosa Tamm distanced herself from the film after the edit.",  # a film is no position
    # a participle under a hypothetical head stays hypothetical; a quantity of another person's claims
    "Rosa Tamm would win the vote, reversing her stance on the toll.",
    "Rosa Tamm said the toll stays, contradicting many of Dov Amsel's claims.",
    # a retreat that is a place, a market's fall or an army's move; a ban or plan that is someone else's
    "The cabinet went on a weekend retreat in the hills.",
    "Rosa Tamm said she had attended a retreat at the lake.",
    "The dollar's retreat continued on Friday.",
    "The new schedule sees the channel retreat from broadcasting old films.",  # from a habit, no stance
    "The harbor police lifted the ban Dov Amsel had imposed on the market.",
    "Rosa Tamm suspended Dov Amsel's plan to sell the park.",
    "Rosa Tamm walked back after the vote.",  # a walk: "walk back" needs what it takes back
    "Marta Ruiz reversed that decision by the court.",  # someone else's decision, no "later"
    # a demonstrative under "later" is the subject's own only for words, and only when no one else made them
    "The appeals court later reversed that decision.",
    "Senator Lopez made a claim. Senator Dov Amsel later dropped that claim.",
    # a purpose clause is not what was walked back; a retreat on a place, beaten in flight, from a hill
    "Senator Ana Sol walked back so that she could vote.",
    "The party's annual retreat on Lake Como drew 200 donors.",
    "Mayor Ana Sol beat a hasty retreat when protesters arrived.",
    "Ana Sol retreated from her positions on the hill as the rebels advanced.",
    # a call for a rethink is not one; a rival's flip-flop is not the possessor's; "at first" needs a later
    "Mayor Ana Sol called for a rethink of the policy.",
    "Mayor Ana Sol's rival flip-flopped on the tax.",
    "At first, Mayor Ana Sol said the bridge would open in May, but the council disagreed.",
    # raising a target, relaxing lending rules: no stated position
    "The company lifted its target for annual profit after a strong quarter.",
    "The bank relaxed its lending requirements for first-time buyers.",
    # a change of job or of price is no change of position; "used to be" in favor with no later change
    "Ana Sol went from being a backbencher to being a minister.",
    "Shares went from trading at 5 to trading at 9.",
    "Ana Sol used to be in favor of the toll.",
    # how much someone says is no position; a plural with no owner and no topic is a thing or a manoeuvre
    "Senator Ana Sol went from saying nothing to saying a great deal about the toll.",
    "Rosa Tamm went from saying little to saying too much.",
    "Rosa Tamm spoke after Ivo Brandt, who went from saying that less was more to saying nothing.",
    "Rosa Tamm wore flip-flops to the beach on Sunday.",
    "The driver, Ana Sol, made two U-turns before she found the road.",
    "Senator Ana Sol used to be against the war, and now she lives in Paris.",
    "Rosa Tamm did not flip-flop on the toll.",
    "Rosa Tamm may have flip-flopped on several issues, but her record is clear.",  # hedged
    # "now" alone is only the present: no earlier side, or a plan, a forecast or someone else's earlier one
    "Mayor Ana Sol now says the tunnel is too costly.",
    "The harbor office now says the deficit will arrive sooner.",
    "But the four largest ferry firms now say waits are short.",
    "Ana Sol moved to the harbor board last year but now wants to return to the council.",
    "Rosa Tamm voted against the levy originally. Ivo Brandt now believes it should stay.",
    # "but now" needs the same holder's earlier position, about the same thing
    "For decades the pier drew tourists. But now, Mayor Ana Sol says it is unsafe.",
    "Ivo Brandt said the toll was fair, but now Rosa Tamm says it is unfair.",
    "Rosa Tamm voted against the levy originally. She now says the harbor needs dredging.",
    "The city council originally backed the toll. The county council now says it should go.",
    # "it" that may be another thing named first; a policy the holder opposed was not hers
    "Ivo Brandt praised the harbor company, but it later dropped its pledge to hire locally.",
    "Governor Lena Okafor reversed the policy she had long opposed.",
    "Rosa Tamm abandoned a policy she believed in.",
    # words the holder is not said to have made; a U-turn only tried; sides taken to lunch; a denying subject
    "Rosa Tamm has since distanced herself from the suggestion that the ferry could be sold.",
    "Campaigners are trying to force Rosa Tamm into a U-turn on the toll.",
    "The judge took both sides to lunch after the hearing.",
    "Nothing suggests that Rosa Tamm has changed her position on the toll.",
    "Mayor Ana Sol now backs the ferry plan Ivo Brandt once called unworkable.",
    "The harbor council has not U-turned on the parking charges.",
    "The ferry U-turned at the harbor mouth.",
    "The harbor mayor said it had changed its mind on the stadium.",  # "it" is not the mayor
    # words a group is not said to have made; no dating word before "now"; a condition someone else set
    "Party leaders have since distanced themselves from the suggestion that taxes will rise.",
    "Rosa Tamm voted against the levy. She now believes it should stay.",
    "The council dropped the conditions the union imposed.",
    "The report suggested Rosa Tamm change her position on the toll.",
    "Volunteers took both sides of the river.",
    "Protests could force the council into a U-turn.",
    # a reversal denied, ruled out or rejected by the one who would make it has not been made
    "Governor Lena Okafor denied a U-turn on the ferry levy.",
    "Governor Lena Okafor ruled out a rethink on fares.",
    "Governor Lena Okafor rejected a climbdown on fares.",
    # a broken promise is a deed against words, not a change of position
    "Governor Lena Okafor broke her promise to freeze fares.",
    "Rosa Tamm has broken many promises she made to the voters.",
    # a "never" the parser hung on a phrase before the verb; a view of a policy is not the making of it
    "Rosa Tamm has never in all those years changed her position on the toll.",
    '"I have never in response to any of that modified a policy I believed to be right or modified a '
    'position I believed to be right," Rosa Tamm said.',
    # an earlier saying whose later word lies inside what was said: one thing said, nothing changed
    "The harbor company previously said it is selling its ferries and is now seeking a buyer.",
    "A spokesman for Rosa Tamm earlier said she is expected later today to back the levy.",
    "Earlier, Ivo Brandt said he sued the harbor board because fares had doubled since opening the bridge.",
    "Peter Saar had earlier said the vote would be held later in the week.",
    "Lena Okafor previously said the plant, which has since closed, employed 400 people.",
    "Ivo Brandt previously said the bridge was safe but that repairs would be needed later.",
    "The harbor group said earlier it would offer to buy the ferry line, raising its stake to 25 pct "
    "from 3 pct now.",
    # a bid to buy withdrawn is business; figures revised are not positions; both sides heard are not
    # held; a change favoured or shunned is not made
    "Piet Vander has withdrawn his proposal to acquire the ferry company for 40 dlrs a share.",
    "The harbor group, which last month withdrew its takeover proposal for the ferry line, filed for a loan.",
    "The harbor board has revised its previous estimates of ferry traffic.",
    "The takeover proposal, which Nordvik Bank has since withdrawn, valued the firm at 40 dlrs a share.",
    "The ferry firm revised its earlier forecast for profits.",
    "The council listened to both sides of the question at the hearing.",
    "Dov Amsel favours watering down the proposed toll.",
    "The harbor board is loathe to abandon its position as the accord has been used as a model.",
    # twenty-fourth session's classes, their look-alikes: what is taken back or left is no position, a
    # side is no stance, the regret is of someone else's doing or denied, the backer moved to another
    # person, the "former" stance is followed by no stance (guards: the code before finds none either)
    "Ivo Brandt took back the car he had lent to his brother.",
    "The shop took back the faulty phones on Monday.",
    "Lena Okafor went from Paris to Berlin on Friday.",
    "Piet Vander moved from opposing the deal to the finance ministry.",
    "Ana Sol regrets the loss of jobs at the mill.",
    "Rosa Tamm regrets that the council voted for the toll.",
    "Peter Saar does not regret voting for the war.",
    "Lena Okafor would regret voting for the war.",
    "Ivo Brandt, a former supporter of Rosa Tamm, now backs Lena Okafor.",
    "Dov Amsel, a former mayor of the city, now runs a bakery.",
    "Ana Sol, a former critic of the plan, now sits on its board.",
    "Rosa Tamm, once an opponent of the deal, has become its chief negotiator.",
    "Peter Saar has now embraced his role as opposition leader.",
    "Ivo Brandt kept his word to protect the forest.",
    "Aides to Rosa Tamm say she is shifting her tack toward her rival.",  # a tactic, not a position
    # twenty-sixth session's readings, and guards they must keep: another's words or ruling, statements
    # of several people or compared with another's, a job held until recently, a vote only cast, a
    # literal step back, a deed against words, a U-turn only asked for
    "Critics blasted Lena Okafor for reversing the court's ruling.",
    "Ana Sol contradicted what Piet Vander had said in March.",
    "The report contradicted what she had said in March.",
    "Lena Okafor retracted the claim Ivo Brandt made on Monday.",
    "The two witnesses' accounts were contradictory.",
    "Ana Sol said the figures were inconsistent with the ministry's.",
    "Until recently, Lena Okafor worked at the bank.",
    "Until recently Nordvik Bank had been the largest lender in the north.",
    "Ana Sol cast her vote on the bill after the hearing.",
    "Rosa Tamm backed away from the edge given the crowd.",
    "Ivo Brandt broke his promise to stand down in 2025.",
    "The union lobbied Ivo Brandt for a U-turn on the toll.",
    # the session's review of them: a stance "until now" that goes on or is another sense of the verb,
    # a reversal of something else or a charge denied, another's words retracted, two owners or a
    # bank's books, a vote that moved between people, a figure's course reversed, a cause alone
    "Until now, the ministry has insisted the bridge is safe.",
    "Until recently, Ivo Brandt had argued for lower taxes, and he still does.",
    "Until recently, Ana Sol had claimed the disability benefit.",
    "Until recently, the two parties had been hostile to each other.",
    "Until recently, Ivo Brandt had been opposed in every election.",
    "Rosa Tamm has been blamed for the reversal of fortune at Nordvik Bank.",
    "Critics wrongly blamed Rosa Tamm for the U-turn, which was the minister's decision.",
    "The senator retracted the claim made by her rival.",
    "Peter Saar's accounts and Ana Sol's accounts were contradictory.",
    "Nordvik Bank's accounts have been inconsistent, auditors said.",
    "Peter Saar changed his vote from Ana Sol to Lena Okafor after Ana Sol left the race.",
    "The hospital reversed its losses last year.",
    "Dov Amsel backed out because of a knee injury.",
    # the same classes, wrong finds of their first version that the session's review found: a thing
    # taken back, someone else's pledge, an allegiance, tactics and a deal moved between, a regret of no
    # stance of the holder's, a job, words on another topic, the same side twice
    "Tomas Rebane bought the boat in May but took it back a week later.",
    "Peter Saar took back the pledge Lena Okafor had made to farmers.",
    "Ivo Brandt switched from backing Lena Okafor to supporting Ana Sol.",
    "The campaign shifted from attacking Peter Saar to praising its own record.",
    "Nordvik Bank moved from backing the merger to opposing it.",
    "Rosa Tamm regretted the calling of an early election.",
    "Lena Okafor regrets the backing of the plan by the council.",
    "Nordvik Bank regrets backing the merger.",
    "Peter Saar is a former film critic.",
    "Ana Sol, a former world champion, now says the games should be moved.",
    "Peter Saar, a former critic of the toll, now says he is retiring from politics.",
    "Piet Vander, once a supporter of the plan, has become one of its loudest supporters.",
    "Rosa Tamm came round to the house on Sunday.",
    "Peter Saar came around to the back of the building.",
    # twenty-seventh session's look-alikes: a request or demand someone else made, one turned down, one
    # only thought of; a thing opposed or backed by another; a car backed into a garage; words whose
    # maker is named or that is the thing itself; what one no longer needs is a fact
    "Nordvik Bank dropped the request from Kestrel to delay the sale.",
    "The council dropped the demand of the unions.",
    "The council dropped the demand Ana Sol had made in May.",
    "The court rejected the request to close the base.",
    "Ivo Brandt would withdraw the objection if the toll were cut.",
    "Rosa Tamm backed away from a toll she once opposed.",
    "Rosa Tamm backed away from a toll her rival once supported.",
    "Peter Saar abandoned the tax his predecessor had championed.",
    "Tomas Rebane backed away from the car he had backed into the garage.",
    "Peter Saar has since distanced himself from the remarks his aide made.",
    "Lena Okafor has since distanced herself from the position, which went to a rival.",
    "Rosa Tamm backed away from a toll she supported.",  # no earlier side said
    "Ana Sol no longer needs a wheelchair.",
    "Nordvik Bank shelved its plans to buy Kestrel.",  # a deal
    # the review's look-alikes: a suspect no longer suspected, an allegiance, a demand or request that
    # came from someone else, a bill another backed
    "Tomas Rebane is no longer suspected of fraud.",
    "Nordvik Bank dropped the candidate it had previously endorsed after he quit the race.",
    "Lena Okafor softened the demand of the protesters in her summary.",
    "Okafor dropped the demand, which had come from the party's youth wing.",
    "The commission withdrew the request it had received from Dov Amsel.",
    "Tomas Rebane withdrew the request from Kestrel for an extension.",
    "Ana Sol distanced herself from the bill her predecessor had backed.",
    "The court suspended his plan to close the port.",  # "his" is no body's
    # an act against a thing: only thought of, another's, backed with no earlier side, a person, denied
    "Ana Sol would oppose the toll she once backed if it rose.",
    "Ana Sol opposed the toll her rival once backed.",
    "Ana Sol opposed the toll she backed.",
    "Lena Okafor voted against the candidate she had once endorsed.",
    "Lena Okafor did not oppose the plan she had once championed.",
    "Ana Sol repudiated the position her rival took last year.",
    "The library shelved the books on Monday.",
    # "initially said" alone is borderline (GUIDE.md) and stays unfound, with or without a figure
    "Initially, the agency said that about 1,000 barrels of oil were leaking each day.",
    "The company initially said the deal would close in May.",
    "Reports claim Peter Saar initially wanted a new coach.",
    "Ana Sol initially said she was happy, and she still is.",
    "Peter Saar previously said the toll was unfair.",
    # twenty-fifth session's look-alikes: someone else's words or a thing taken back, a regret of no
    # stance, of someone else's, of silence or of a stance not taken, a visit arrived at
    "Rosa Tamm took back what Peter Saar had said about the park.",
    "Peter Saar took back what she had said about the park.",  # review: "she" is not Peter Saar
    "Dov Amsel took back what he had lent to his brother.",
    "Lena Okafor regrets that she missed the vote on the toll.",
    "Ana Sol regrets that her father voted for the toll.",
    "Lena Okafor said she regrets that she did not vote for the toll.",
    "Ivo Brandt regrets that he said nothing at the time.",
    "Peter Saar came round to visiting his mother on Sundays.",
    # the parser hangs the condition on the reversal itself
    "If her voters were worried - and if the rest were reassured - that Rosa Tamm was softening her "
    "position, they had to wait only until she spoke.",
]


def _reported(text: str) -> list[dict]:  # type: ignore[type-arg]
    record = read("A Headline\n\n" + text, published=PUBLISHED)
    names = {p.id: p.name for p in record.people}
    out = []
    for c in record.contradictions:
        if c.kind == "reported":
            d = c.to_dict()
            d["holder_name"] = names.get(c.speaker or "", d["reported"]["holder"]["text"])
            d["text"] = record.document.text
            out.append(d)
    return out


@pytest.mark.parametrize(("sentence", "holder", "cue"), REPORTED)
def test_a_reported_reversal_is_found_with_its_holder_cue_and_evidence(
    sentence: str, holder: str, cue: str
) -> None:
    found = _reported(sentence)
    assert len(found) == 1, found
    c = found[0]
    assert (c["a"] is None) == (c["b"] is None)  # a pair of the holder's statements, or none
    assert holder.split()[-1] in c["holder_name"]  # the NER may take the surname alone
    text = c["text"]
    s, e = c["evidence"]["span"]
    assert text[s:e] == c["evidence"]["text"] and c["evidence"]["text"] in sentence
    cs, ce = c["reported"]["cue"]["span"]
    assert text[cs:ce] == c["reported"]["cue"]["text"] and cue in text[cs:ce]


@pytest.mark.parametrize("sentence", NOT_REPORTED)
def test_look_alikes_are_not_reported_reversals(sentence: str) -> None:
    assert _reported(sentence) == []


def test_now_opening_the_text_does_not_break_the_finder() -> None:
    # "now" as the first word has no word before it to be "but" (the finder raised IndexError and the
    # whole article was lost)
    record = read("Now Ana Sol backs the toll she once opposed.", published=PUBLISHED)
    assert [c.kind for c in record.contradictions] == ["reported"]


def test_the_earlier_position_is_dated_when_the_sentence_dates_it() -> None:
    (c,) = _reported(next(r[0] for r in REPORTED if r[0].startswith("Despite saying in May")))
    earlier = c["reported"]["earlier"]
    assert "never sell the park" in earlier["text"]
    assert earlier["date"] == "2023-05"  # "in May" before a March 2024 paper


def test_the_earlier_position_runs_to_the_claim_the_parser_hung_on_a_phrase_after_it() -> None:
    (c,) = _reported(next(r[0] for r in REPORTED if "contradicting many" in r[0]))
    earlier = c["reported"]["earlier"]
    assert earlier["text"].startswith("many of her own promises")
    assert earlier["text"].endswith("that she would build it")
    s, e = earlier["span"]
    assert c["text"][s:e] == earlier["text"]


def test_a_reversal_points_to_the_holders_statements_when_the_article_has_both_sides() -> None:
    text = "A Headline\n\n" + next(r[0] for r in REPORTED if "contradicting many" in r[0])
    record = read(text, published=PUBLISHED)
    (c,) = [c for c in record.contradictions if c.kind == "reported"]
    by_id = {s.id: s for s in record.statements}
    later, earlier = by_id[c.a or ""], by_id[c.b or ""]
    assert later.speaker and earlier.speaker and later.speaker.person == earlier.speaker.person == c.speaker
    assert "never backed the toll" in later.content_text
    assert earlier.content_text.startswith("she would build it")


def test_a_reversal_without_the_earlier_statement_points_to_none() -> None:
    # the later side is a statement, the earlier one ("his pledge") is not: no pair to check
    sentence = "Senator Piet Vander said on Monday that he has kept the toll, abandoning his pledge."
    text = "A Headline\n\n" + sentence
    record = read(text, published=PUBLISHED)
    (c,) = [c for c in record.contradictions if c.kind == "reported"]
    assert any("kept the toll" in s.content_text for s in record.statements)
    assert c.a is None and c.b is None


def test_the_cue_lists_are_data_and_a_component_setting(tmp_path: Path) -> None:
    from importlib import resources

    from onrecord import nlp

    data = json.loads(
        resources.files("onrecord").joinpath("data/reversal_cues.json").read_text(encoding="utf-8")
    )
    data["verbs"]["reversal_alone"] = ["dither"]
    own = tmp_path / "cues.json"
    own.write_text(json.dumps(data), encoding="utf-8")
    pipeline = nlp.build_pipeline(nlp._load_base())
    pipeline.replace_pipe("onrecord_reversals", "onrecord_reversals", config={"cues": str(own)})
    text = "A Headline\n\nMayor Ines Carvalho dithered on the tunnel. Dov Amsel backtracked on the tunnel."
    record = read(text, published=PUBLISHED, nlp=pipeline)
    cues = [c.reported["cue"]["text"] for c in record.contradictions if c.reported]
    assert cues == ["dithered"]


def test_polnear_reported_reversals_hold_their_floors() -> None:
    train = shared_path("data", "polnear", "train")
    gold = json.loads(reversals.SET.read_text(encoding="utf-8"))
    names = sorted({p["file"] for p in gold["positives"] if reversals.half(p["file"]) == "dev"})[:20]
    tallies = reversals.score(gold, reversals.predict(train, names), names)
    figures = tallies["all"].figures()
    assert figures["precision"] >= 0.85, figures
    assert figures["recall"] >= 0.45, figures


@pytest.mark.parametrize(
    ("set_name", "corpus", "floors"),
    [
        # Reuters: its positives are complete only in the 326 short articles it marks
        ("reuters.json", "reuters21578", (0.85, 0.35)),
        # LIAR2: the 341 fact-checks it marks (its maker read 708 in full); a little under 0.843 / 0.394
        ("liar2.json", "liar2", (0.78, 0.36)),
    ],
)
def test_a_marked_sets_reported_reversals_hold_their_floors(
    set_name: str, corpus: str, floors: tuple[float, float]
) -> None:
    shared_path("data", corpus)
    gold = json.loads((reversals.SET.parent / set_name).read_text(encoding="utf-8"))
    names = sorted({x["file"] for key in ("positives", "negatives", "borderline") for x in gold[key]})
    figures = reversals.score(gold, reversals.predict(reversals.TRAIN, names), names)["all"].figures()
    assert figures["precision"] >= floors[0], figures
    assert figures["recall"] >= floors[1], figures


def test_a_description_is_not_pinned_on_a_person_never_given_that_role() -> None:
    text = (
        "The island's ferry captain, Dov Amsel, said the deal-breaker was the toll plan, a plan the "
        "Manhattan billionaire has modified in recent weeks."
    )
    (c,) = _reported(text)
    assert c["reported"]["holder"]["text"] == "the Manhattan billionaire"
    assert c["speaker"] is None  # not Dov Amsel, the nearest person, whom no one called a billionaire


def test_the_name_beside_a_description_holds_the_reversal_not_the_owner() -> None:
    text = (
        "Senator Piet Vander won the vote, which forced his rival, Lena Okafor, to distance herself "
        "from the toll bill."
    )
    (c,) = _reported(text)
    assert "Okafor" in c["holder_name"]
    assert c["reported"]["earlier"]["text"] == "the toll bill"  # what she distanced herself from


def test_a_headline_reversal_counts_when_its_holder_is_named_in_the_story() -> None:
    text = (
        "Senator Vidal Turns Against the Elk River Dam\n\n"
        "Senator Rosa Vidal said on Tuesday that she does not support the new dam on the Elk River."
    )
    record = read(text, published=PUBLISHED)
    cues = [c.reported["cue"]["text"] for c in record.contradictions if c.reported]
    assert cues == ["Turns Against"]


def test_a_fragment_whose_root_is_a_noun_does_not_hang_the_finder() -> None:
    # "Once a proponent ..." climbs from the noun to its verb; a fragment's root is a noun with no verb
    # above it, and a comparison by identity (a spaCy Token is a new object at each access) never
    # stopped the climb
    result: list[list[dict]] = []  # type: ignore[type-arg]
    worker = threading.Thread(
        target=lambda: result.append(_reported("Once a proponent of the toll, now a critic.")), daemon=True
    )
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the reversal finder did not return"
    assert result == [[]]


@pytest.mark.parametrize(
    ("gold", "predicted", "right"),
    [
        ("Ana Sol", "Sol", True),
        ("Ana Sol", "Sol's campaign", True),
        ("Harbour Trade Subcommittee", "the trade subcommittee", True),  # a word starting with "s"
        ("Veldia (Port Amsel)", "Port Amsel", True),  # another name for the holder, in parentheses
        ("Veldia federal government (Labour Minister Dov Amsel)", "the federal government", True),
        ("Veldia government (Prime Minister Dov Amsel)", "Prime Minister Dov Amsel", True),
        ("Ana Sol (first name not in the article)", "Sol", True),
        ("Ana Sol", "the prime minister", False),
        ("Ana Sol (Senator, Veldia)", "the senator", False),  # a role in parentheses, not a name
        ("Ana Sol (Senator, Veldia)", "Veldia", False),
        ("Prime Minister Ana Sol", "the minister", False),
        ("Ana Sol", "The", False),
        ("Sen. Ana Sol", "Sen. Sol", True),
        ("Ana Sol", "Piet Vander", False),
        ("Ana Sol (first name not in the article)", "the article", False),
        ("tobacco companies", "Brandt Tobacco", False),
    ],
)
def test_a_reversals_holder_is_scored_by_its_name(gold: str, predicted: str, right: bool) -> None:
    assert reversals.holder_right(gold, predicted) is right


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        # a title the parser made a second subject: the name nearest the verb holds
        (
            "According to a new book, Ana's Road by the journalist Ivo Brandt, Rosa Tamm went back on a "
            "pledge to stand aside.",
            "Rosa Tamm",
        ),
        # a participle right after an object: the one caught or shown does it
        ("Ana Sol caught Dov Amsel contradicting himself on the harbour toll.", "Dov Amsel"),
        # after a verb that is not one of witnessing, the participle is the subject's own doing
        (
            "On Monday, Rosa Tamm visited Berlin reversing her earlier stance on the harbour toll.",
            "Rosa Tamm",
        ),
        ("On Monday, Rosa Tamm defeated Ivo Brandt reversing her opposition to the toll.", "Rosa Tamm"),
        # set off by a comma, the participle is the subject's again
        (
            "At the hearing, Lena Okafor criticised Dov Amsel, reversing her own position on the toll.",
            "Lena Okafor",
        ),
    ],
)
def test_a_reversals_holder_is_the_one_who_changed(text: str, holder: str) -> None:
    (c,) = _reported(text)
    assert c["holder_name"] == holder
