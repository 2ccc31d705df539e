"""The vocabulary the benchmark's notes are written in: built in, ranked for a Zipf-like draw."""

from __future__ import annotations

import random
from functools import cache


def _split(text: str) -> list[str]:
    return text.split()


# The commonest English words, most frequent first: they take the head of the distribution.
FUNCTION_WORDS = _split("""
the of and to a in that is it for on was with as we be at this have you not are but by from
or they i he she his her an which will their were all would there can been has more if what
so when one about no out up them some could into than then our other its only also how any
these two may first new very should like just over such because most through where much
after back now even well way many before those right still both here own too does each
while few might must same again around between never under last always another did every
""")

CONTENT_WORDS = _split("""
time work team project review feedback goal plan week meeting question code design career
growth learning skill idea problem change process decision support progress interview role
manager mentor mentee session topic priority deadline release system data test testing bug
issue ticket sprint roadmap estimate scope risk trade-off customer user product feature
request document documentation writing reading book article talk conference presentation
slide demo prototype experiment result metric dashboard report analysis chart hypothesis
study course certificate exam practice exercise habit routine schedule calendar energy focus
stress burnout balance vacation holiday weekend morning evening afternoon night deadline
confidence imposter doubt fear curiosity motivation ownership initiative leadership
delegation communication listening empathy trust rapport relationship network community
colleague peer stakeholder director lead staff principal engineer architect analyst
designer researcher scientist developer writer editor recruiter promotion salary offer
negotiation contract freelance startup company organisation department budget cost
invoice hiring onboarding offboarding handover transition relocation visa remote office
hybrid timezone overlap async sync standup retro retrospective planning grooming backlog
kanban board column card label branch commit merge rebase conflict pull request diff patch
refactor rewrite migration schema database query index cache latency throughput memory
profile profiler benchmark performance regression incident outage postmortem alert pager
monitoring logging tracing deploy deployment pipeline build container cluster kubernetes
docker terraform cloud server client api endpoint service library framework module package
dependency version upgrade security vulnerability audit compliance privacy policy license
python rust golang java typescript javascript sql bash linux macos windows terminal editor
vim emacs vscode keyboard laptop monitor headset microphone camera bandwidth connection
wifi vpn firewall proxy certificate password token secret key encryption backup restore
recovery failover scaling sharding replication consistency availability partition queue
stream event message broker worker job batch cron scheduler workflow automation script tool
spreadsheet notebook model training dataset label accuracy evaluation baseline paper
literature survey summary outline draft chapter thesis proposal grant application portfolio
resume linkedin blog newsletter podcast video recording transcript caption subtitle
accessibility accommodation language english spanish portuguese hindi german french
japanese translation accent pronunciation vocabulary grammar culture tradition festival
family child parent partner health doctor appointment sleep exercise running cycling
walking garden kitchen cooking travel flight train airport hotel visa passport embassy
weather rain snow summer winter spring autumn season quarter month year anniversary
birthday milestone achievement win lesson mistake failure recovery resilience patience
persistence discipline clarity structure framework template checklist guideline principle
value mission vision strategy tactic objective outcome output impact evidence example story
narrative pitch argument counterargument assumption constraint requirement specification
acceptance criteria definition done estimate velocity capacity allocation headcount
org chart reorg layoff uncertainty ambiguity change management conflict resolution
mediation boundary expectation agreement commitment promise follow-up action item reminder
note notes summary recap agenda minutes decision log journal diary reflection insight
pattern anti-pattern smell heuristic rule exception edge case corner scenario use case
persona journey map flow wireframe mockup sketch whiteboard diagram sequence state machine
graph tree list array map set function method class object interface protocol type generic
closure callback promise future thread process lock mutex deadlock race condition bug fix
hotfix rollback canary rollout flag toggle experiment cohort segment funnel retention churn
revenue growth market competitor pricing positioning launch announcement press campaign
""")

GENERAL_WORDS = _split("""
able above accept across actually add address admit advice afraid agree ahead allow almost
alone along already although amount answer anyone anything appear approach area arrive ask
attempt attention avoid aware away bad basic bear beat become begin behind believe benefit
best better beyond big bit blame block blue body borrow bother bottom bright bring broad
broken brought busy buy call calm care careful carry case catch cause certain chance change
cheap check choice choose clean clear close cold collect come comfortable common compare
complete concern condition consider continue control copy correct count couple course cover
create current cut daily damage dark deal dear decide deep deliver depend describe deserve
detail develop difference difficult direct discover discuss distance divide double doubt
down drive drop due early earn easy edge effect effort either else empty end enjoy enough
enter entire equal escape especially even event ever exact expect expensive explain express
extra face fact fair fall familiar far fast feel few fight figure fill final find fine
finish fit fix follow forget form forward free fresh friend front full fun future gain
general gentle get give glad go good great green ground group grow guess guide half hand
handle happen happy hard head hear heavy help high hold hope hour huge human idea imagine
important improve include increase indeed inside instead interest involve join jump keep
kind know known large late later laugh lead learn least leave less level lie light likely
limit line link little live local long look lose lot loud love low main major make manage
mark matter mean measure meet mention middle mind minute miss mix moment move name narrow
near nearly need neither next nice normal notice number obvious occur offer often old open
order ordinary original outside own page pair part particular pass past pay perhaps period
person pick piece place plain play please plenty point possible power prepare present
pretty prevent price private probably produce proper protect prove provide public pull push
put quick quiet quite raise range rare rather reach ready real realise reason receive recent
recognise record reduce refer reflect refuse regular relate relax release remain remember
remove repeat replace reply represent require rest return reveal rich rise rough round run
safe save say scale search second see seem seek sell send sense separate serious serve set
settle several shape share sharp short show side sign similar simple since single sit size
slow small smart smooth soft solid solve someone something sometimes soon sort sound space
speak special speed spend split spot stand standard start stay step stick stop straight
strange strong stuck subject succeed suggest suit sure surprise take talk task teach tell
tend term thank thing think though throw tight tiny together tomorrow tonight top total touch
tough toward track trade trouble true try turn typical understand unless until unusual upon
usual useful vary view visit wait walk want warm watch weak wear weigh whole wide win wish
within without wonder word worry worth write wrong yesterday young
""")

# Each fragment is a syllable of invented proper nouns: project, library and team names that
# make a journal's vocabulary long-tailed, as real notes are.
_ONSETS = _split("b br c ch d dr f fl g gr h j k kl l m n p pl qu r s sh sk st t tr v w z")
_VOWELS = _split("a e i o u ai ea io ou")
_CODAS = ["", "n", "r", "s", "x", "l", "m", "nd", "rt", "st"]

FIRST_NAMES = _split("""
ana ben rui maria joao li wei priya arjun aisha omar fatima yusuf chen mei hiro yuki sakura
kenji lucas sofia mateo valentina diego camila pedro julia gabriel laura noah emma liam olivia
amara kwame chidi ngozi tunde zainab leila ravi deepa anil sunita lars ingrid sven astrid
pierre claire hugo chloe jonas lena felix mia ivan olga dmitri anya pavel elena nikos eleni
marco giulia luca chiara sean aoife cian niamh mohammed layla karim nour tariq hana jin soo
min jae tomas lucia carmen pablo ines raul rosa alex sam jordan taylor morgan casey riley
""")

LAST_NAMES = _split("""
silva costa santos oliveira pereira kim lee park chen wang zhang liu patel sharma singh gupta
khan ahmed ali hassan ibrahim okafor adeyemi mensah nkosi tanaka suzuki sato watanabe garcia
martinez lopez gonzalez rodriguez fernandez smith jones brown taylor wilson murphy kelly
obrien schmidt mueller schneider fischer weber novak kowalski nowak ivanov petrov popov
rossi russo bianchi romano dubois martin bernard moreau laurent nielsen hansen larsen berg
lindqvist andersson johansson nguyen tran pham reyes cruz flores haddad nasser farouk
""")


def _invented_words(count: int) -> list[str]:
    rng = random.Random(20261124)
    found: dict[str, None] = {}
    while len(found) < count:
        parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3))]
        found[("".join(parts) + rng.choice(_CODAS)).capitalize()] = None
    return list(found)


def _inflected(words: list[str]) -> list[str]:
    """Plural and -ing/-ed forms, as notes use them; the stemmer folds them back for search."""
    forms: list[str] = []
    for word in words:
        if "-" in word or len(word) < 4:
            continue
        base = word[:-1] if word.endswith("e") else word
        forms += [word + "s", base + "ing", base + "ed"]
    return forms


@cache
def vocabulary() -> tuple[str, ...]:
    """Every word notes draw from, in rank order: function words, domain, general, the tail."""
    seen: dict[str, None] = {}
    shuffled = list(dict.fromkeys(CONTENT_WORDS + GENERAL_WORDS))
    random.Random(7).shuffle(shuffled)
    inflected = _inflected(shuffled)
    random.Random(11).shuffle(inflected)
    for word in FUNCTION_WORDS + shuffled + inflected + _invented_words(1200):
        seen.setdefault(word, None)
    return tuple(seen)


@cache
def zipf_weights(size: int, exponent: float = 1.05) -> tuple[float, ...]:
    """Cumulative weights for rank r ∝ 1 / (r + 2.7)^s, the Zipf-Mandelbrot law of word use."""
    total = 0.0
    cumulative: list[float] = []
    for rank in range(1, size + 1):
        total += 1.0 / (rank + 2.7) ** exponent
        cumulative.append(total)
    return tuple(cumulative)
