#!/usr/bin/env python3
"""Build the bundled offline demo news site, "The Mekong Ledger".

Everything here is fictional: the outlet, the cases, the people and the quotes.
Institutions and places are real and used as they exist.

Run:  python demo/build_site.py
Writes: demo/site/**  (static site, document root for a plain HTTP server)
        demo/expected.json  (answer key: articles, sentencings, not-sentences)

Internal links are root-relative. Only feed.xml, sitemap.xml, robots.txt,
<link rel="canonical"> and og:url carry absolute URLs, all with the literal
prefix BASE below (the demo command rewrites the port when needed).
"""
from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import re
import shutil
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

HERE = Path(__file__).resolve().parent
SITE = HERE / "site"
EXPECTED = HERE / "expected.json"
BASE = "http://127.0.0.1:8765"
TZ = dt.timezone(dt.timedelta(hours=7))
SITE_NAME = "The Mekong Ledger"
SECTIONS = {"crime": "Crime", "region": "Region", "business": "Business", "sport": "Sport"}
PER_PAGE = 8


def S(defendant, prison_months=None, *, court, place, suspended_months=None,
      life=False, death=False, fine=None):
    """One sentencing as the answer key records it.

    prison_months is the full custodial term pronounced by the court (including
    any suspended part); suspended_months is the suspended part of it.
    """
    return {"defendant": defendant, "prison_months": prison_months,
            "suspended_months": suspended_months, "life": life, "death": death,
            "fine": fine, "court": court, "place": place}


# ---------------------------------------------------------------------------
# Article data
# ---------------------------------------------------------------------------
ARTICLES = [
dict(
    slug="banteay-meanchey-court-jails-recruiters-thai-farm-labour",
    date="2024-01-16T09:40:00", section="crime", also=[], country="Cambodia",
    author="Chan Sopheak", on_topic=True,
    title="Banteay Meanchey court jails two recruiters who sent villagers to Thai farms",
    standfirst="Pair promised factory jobs across the border but delivered 11 people, including three teenagers, to plantations where they worked for months without pay",
    body="""
SISOPHON, Cambodia — Two labour brokers who lured 11 villagers across the Thai border with promises of factory work were jailed on Monday by the Banteay Meanchey Provincial Court, in a case that anti-trafficking groups say shows how debt is used to trap migrants long before they reach their destination.

Chea Vannak, 43, and Sok Dara, 39, both from Thma Puok district, were each sentenced to eight years in prison and fined 10 million riel for unlawful removal for cross-border purposes under Cambodia's 2008 Law on Suppression of Human Trafficking and Sexual Exploitation.

Presiding Judge Kor Sothea told the courtroom that the two men had "knowingly sold the labour of their own neighbours" after charging each recruit between $300 and $500 in fees, money that was to be deducted from wages that never arrived.

According to the court's ruling, the group — eight adults and three teenagers aged 15 to 17 — crossed the border on foot through forest in Malai district in March 2023 and were driven to sugarcane and cassava plantations in Thailand's Sa Kaeo province.

They worked up to 14 hours a day, slept in a tin-roofed shed and were told they could not leave until their "debt" was repaid, Judge Sothea said. Two of the teenagers eventually slipped away, borrowed a phone and called relatives, who alerted commune police.

Thai police in Sa Kaeo later located the remaining workers, and all 11 were returned through the Poipet international checkpoint, where they were received by officials from the Ministry of Social Affairs, Veterans and Youth Rehabilitation and the International Organization for Migration (IOM).

Vannak denied the charges at a hearing in December, telling the court he had only "helped people find work" and had no control over what happened in Thailand. Dara did not testify. Lawyers for both men said they had not yet decided whether to appeal.

Ms. Keo Sreyneang, a programme manager at Chab Dai, which supported several of the families during the trial, welcomed the verdict but said the victims had yet to receive any compensation.

"Most of these families borrowed money to pay the recruitment fees, and now they are carrying that debt as well as the trauma," she said. "A conviction is important, but it does not pay back a microfinance loan."

Lt. Col. Phan Sovann, deputy chief of the provincial anti-human trafficking and juvenile protection police, said officers were investigating two more recruiters believed to have worked with the pair.

"We are asking villagers to check with the Provincial Department of Labour and Vocational Training before they go anywhere with a broker," he said. "If someone tells you to cross through the forest instead of the checkpoint, that is not a job offer."

Banteay Meanchey, which borders Sa Kaeo, is one of the busiest departure points for Cambodians seeking work in Thailand, where more than a million Cambodian migrants are estimated to be employed, many of them without documents.
""",
    sentencings=[
        S("Chea Vannak", 96, fine="10 million riel", court="Banteay Meanchey Provincial Court", place="Banteay Meanchey"),
        S("Sok Dara", 96, fine="10 million riel", court="Banteay Meanchey Provincial Court", place="Banteay Meanchey"),
    ],
    traps=[],
),
dict(
    slug="sihanoukville-raid-frees-workers-from-scam-compound",
    date="2024-02-07T18:15:00", section="crime", also=[], country="Cambodia",
    author="Meas Sokunthea", on_topic=True,
    title="Police raid frees 212 workers from Sihanoukville scam compound",
    standfirst="Foreign nationals from six countries found inside a fenced complex on the outskirts of the city; five suspected managers and guards detained",
    body="""
PREAH SIHANOUK, Cambodia — Police raided a walled compound on the outskirts of Sihanoukville before dawn on Tuesday and removed 212 foreign nationals who had allegedly been forced to run online investment and romance scams, the Ministry of Interior said.

The workers, from Indonesia, Vietnam, Thailand, Myanmar, the Philippines and Kenya, were taken to a temporary shelter at the provincial police headquarters, where officials began interviewing them to determine who had been held against their will.

Lt. Gen. Huot Chanthol, who heads the Anti-Human Trafficking and Juvenile Protection Department of the National Police, said the operation followed a complaint passed on by the Indonesian embassy after a worker's sister reported that he was being beaten for failing to meet daily targets.

"We found rooms with bunk beds for 20 people, hundreds of phones, scripts in five languages and a room that the workers told us was used for punishment," Chanthol told reporters outside the compound. "Some of them had not been outside the fence for almost a year."

Police detained five suspected managers and guards. Two of them were identified as Chinese nationals Chen Hao, 38, and Liu Jun, 41, who allegedly supervised the scam floors. The other three, all Cambodian, worked as security guards, police said.

Those charged with human trafficking face up to 15 years in prison if convicted, the ministry said in a statement.

Several workers said they had answered advertisements on social media for customer service jobs in Bangkok paying $1,000 a month, only to be driven across the border at night and made to hand over their passports on arrival.

A 23-year-old Indonesian man, speaking through an interpreter at the shelter, said he had been told he owed the company $4,000 for his "transport and training" and would be sold to another compound if he complained.

Mr. Daniel Koh, a programme director at International Justice Mission (IJM), said the speed and quality of victim screening would decide whether the raid actually helped the people inside.

"Some of the people in that building were victims and some may have been recruiters," he said. "If everyone is treated as an immigration offender, the victims will never feel safe enough to tell their stories."

The ministry said those identified as victims would be repatriated with the help of their embassies and the International Organization for Migration, while anyone found to have been working voluntarily without a permit would be deported.

Cambodia has carried out repeated crackdowns on online scam operations since 2022, but rights groups including Licadho say many compounds have simply moved to new premises in other provinces.
""",
    sentencings=[],
    traps=["Those charged with human trafficking face up to 15 years in prison if convicted, the ministry said in a statement."],
),
dict(
    slug="late-header-rescues-point-for-mekong-united-in-derby",
    date="2024-02-22T20:30:00", section="sport", also=[], country="Cambodia",
    author="Kheng Sothy", on_topic=False, tags=["Football", "Cambodian League"],
    title="Late header rescues point for Mekong United in Phnom Penh derby",
    standfirst="Captain Touch Pisal's stoppage-time equaliser keeps his side two points clear at the top of the table after a tense 1-1 draw with Capital Lions",
    body="""
PHNOM PENH — Captain Touch Pisal headed home in the third minute of stoppage time to earn Mekong United a 1-1 draw against Capital Lions in a tense Phnom Penh derby on Wednesday night, keeping his side two points clear at the top of the league.

The visitors had led since the 58th minute, when Brazilian forward Lucas Ferreira curled a shot into the top corner from 20 metres after a quick break down the left.

United pushed forward for most of the second half but struggled to break down a compact Lions defence marshalled by veteran centre-back Prak Mony. Lions goalkeeper Seng Visal made two sharp saves from long-range efforts by midfielder Chhun Raksmey.

The equaliser came from a corner. Raksmey's delivery was flicked on at the near post, and Pisal, 29, rose above two defenders to nod the ball in from close range, sending the home crowd of about 9,000 into celebration.

"We never stop believing in this stadium," Pisal said afterwards. "The supporters were with us until the last second. A draw in a derby is never a bad result, but we know we have to win more games like this one."

Lions coach Kenji Sato, a Japanese former midfielder in his second season in Cambodia, said his players had run themselves to a standstill.

"For 90 minutes we did almost everything right," Sato said. "Then one corner, one header. That is football. I'm proud of the effort, but we need to learn how to close a match."

United coach Nuon Vibol praised his team's patience but admitted that a crowded fixture list was beginning to show, with three first-team players missing through injury and a cup quarter-final to come on Sunday.

The result leaves United on 38 points from 16 matches, two ahead of Kampot Riverside, who beat Battambang Rangers 3-0 earlier in the day. Lions are fourth on 31.

Ferreira's goal was his 12th of the season, putting him level with Kampot's Nigerian striker Samuel Okafor at the top of the scoring chart.

United travel to Siem Reap to face Temple City next weekend, while Lions host Kampot Riverside in a match that could decide the race for the continental places.
""",
    sentencings=[], traps=[],
),
dict(
    slug="bangkok-court-jails-broker-and-skipper-over-fishing-crew-abuse",
    date="2024-03-12T15:05:00", section="crime", also=["region"], country="Thailand",
    author="Pichaya Suksawat", on_topic=True,
    title="Bangkok court jails Myanmar broker and Thai skipper over abuse of fishing crew",
    standfirst="Fourteen Cambodian and Myanmar men were held at sea, beaten and denied wages, the court found; the vessel's owner was acquitted",
    body="""
BANGKOK — The Criminal Court in Bangkok on Tuesday jailed a Myanmar labour broker and a Thai fishing captain for forcing 14 migrant crew members to work without pay on a trawler in the Andaman Sea, in a case brought by the Department of Special Investigation (DSI).

Broker Thein Zaw Oo, 47, was jailed for 12 years for recruiting the men in Ranong and selling their "contracts" to the vessel's operators. Captain Boonmee Sriwattana, 55, was sentenced to 14 years and fined 500,000 baht after the court found he had confiscated the crew's identity documents and ordered beatings of men who asked to go ashore.

The vessel's registered owner, Prasit Chaiyaporn, 61, was acquitted for lack of evidence that he knew of conditions on board. The broker and the captain were both convicted of human trafficking under Thailand's Anti-Trafficking in Persons Act.

The crew — eight Cambodians and six Myanmar nationals, including a 17-year-old boy — told investigators they worked shifts of up to 20 hours, were given one meal a day when catches were poor and were kept at sea for long stretches while their catch was transferred to a supply ship.

The abuse came to light during a port inspection in Ranong in August 2022, when two crew members slipped a note written in Khmer to an interpreter working with the inspection team.

"The crew had nowhere to go. The sea itself was the lock on the door," said DSI investigator Wichai Thongdee, who led the case. "This verdict shows that the people who profit from forced labour at sea can be held responsible on land."

The court's ruling said Boonmee had kept a notebook recording "debts" for food, cigarettes and advances that exceeded the crew's promised monthly wages of 9,000 baht. None of the men were paid during the period covered by the charges.

Boonmee's lawyer told reporters his client would appeal, arguing that the captain had followed instructions from people higher up the chain. Thein Zaw Oo showed no reaction as the verdict was read to him through an interpreter.

Ko Min Thu, a coordinator with the Migrant Workers Rights Network in Samut Sakhon, which provided interpreters and shelter to the crew during the trial, said brokers on both sides of the border still charge fishers fees that leave them in debt before they board.

"The law has changed, the inspections have changed, but the recruitment has not changed," he said. "As long as a worker owes money to a broker before he steps on a boat, he is not free."

Thailand overhauled its fisheries rules after the European Union issued it a "yellow card" warning over illegal fishing in 2015, and in 2019 became the first Asian country to ratify the International Labour Organization's Work in Fishing Convention.

The eight Cambodian crew members were repatriated through the Ban Khlong Luek–Poipet crossing in 2023 with help from the International Organization for Migration.
""",
    sentencings=[
        S("Thein Zaw Oo", 144, court="Criminal Court in Bangkok", place="Bangkok"),
        S("Boonmee Sriwattana", 168, fine="500,000 baht", court="Criminal Court in Bangkok", place="Bangkok"),
    ],
    traps=["The vessel's registered owner, Prasit Chaiyaporn, 61, was acquitted for lack of evidence that he knew of conditions on board."],
),
dict(
    slug="phnom-penh-court-jails-karaoke-owner-for-selling-teenage-girl",
    date="2024-04-04T11:20:00", section="crime", also=[], country="Cambodia",
    author="Chan Sopheak", on_topic=True,
    title="Phnom Penh court jails karaoke owner for selling 16-year-old girl",
    standfirst="Owner receives 10 years and her nephew, who drove the girl to guesthouses, 18 months; prosecutors had pushed for a longer term",
    body="""
PHNOM PENH — The Phnom Penh Municipal Court sentenced Heng Sreymom, 51, to 10 years in prison on Wednesday for selling a 16-year-old girl for sex at a karaoke parlour she ran in the capital's Meanchey district.

Her nephew, Long Pisey, 26, who the court found had driven the girl and clients to guesthouses, was sentenced to 18 months in prison as an accomplice.

Judge Im Vuthy said messages recovered from Sreymom's phone showed that she had arranged at least four meetings with men between April and June last year and kept most of the money.

"The accused took advantage of a child who came to her looking for honest work," Judge Vuthy said as he read the court's verdict. "She knew the girl's age, and she chose to sell her anyway."

Prosecutors had sought 12 years for Sreymom, arguing that she had recruited other girls who were never identified.

The girl, from Prey Veng province, moved to Phnom Penh in early 2023 after her parents fell into debt and was hired as a waitress at the parlour. She was removed from the premises in June during an operation by the Anti-Human Trafficking and Juvenile Protection Department, acting on information from International Justice Mission.

Mr. Prum Ratanak, a senior investigations adviser at IJM, said the case had relied on careful digital evidence rather than asking the girl to confront the defendants in the courtroom.

"This verdict sends a clear message that a child's age is not negotiable, whatever the business calls itself," he said. "It also shows that courts can protect a young witness and still reach a conviction."

Sreymom's lawyer, Chhim Rithy, said his client would take the case to the Appeal Court. "My client employed waitresses. What they did after they left the premises was not her business," he told reporters outside the courthouse.

Pisey, who wept in the dock, told the court last month that he had not known the girl was under 18 and had driven "whoever my aunt told me to drive".

The girl now lives in a shelter run by a local organisation and is attending a hairdressing course, according to the Ministry of Women's Affairs, which has followed the case.

Karaoke venues and beer gardens have long been a concern for anti-trafficking groups in Cambodia, where licensing checks are infrequent and staff are often paid only in tips.
""",
    sentencings=[
        S("Heng Sreymom", 120, court="Phnom Penh Municipal Court", place="Phnom Penh"),
        S("Long Pisey", 18, court="Phnom Penh Municipal Court", place="Phnom Penh"),
    ],
    traps=["Prosecutors had sought 12 years for Sreymom, arguing that she had recruited other girls who were never identified."],
),
dict(
    slug="heatwave-pushes-electricity-demand-to-record-high",
    date="2024-04-25T16:45:00", section="business", also=[], country="Cambodia",
    author="Hannah Brooke", on_topic=False, tags=["Weather", "Energy"],
    title="Heatwave pushes Cambodia's electricity demand to record high",
    standfirst="Temperatures top 41C in several provinces as the state utility urges households to ease off air conditioners in the afternoon",
    body="""
PHNOM PENH — Cambodia's electricity demand hit a record high this week as a prolonged heatwave pushed temperatures above 41 degrees Celsius in several provinces, prompting the state utility to ask households and businesses to limit air-conditioner use during the hottest hours of the day.

Electricité du Cambodge (EDC) said peak demand on the national grid reached 2,480 megawatts on Tuesday afternoon, about 14 percent higher than the peak recorded during the same period last year.

"Our generation and import capacity is sufficient, but the margin is narrower than we would like," an EDC spokesman said. "If everyone sets their air conditioner two degrees higher between 1 p.m. and 5 p.m., it makes a real difference."

The Ministry of Water Resources and Meteorology forecast that temperatures in Kampong Chhnang, Pursat and Kratie would remain between 38C and 41C until early May, before pre-monsoon showers bring some relief.

The heat has hit outdoor workers and small traders hardest. At Phnom Penh's Orussey Market, vendors said customers were staying away until evening. "Before, the morning was busy. Now people come at five or six o'clock," said Sok Kunthea, 46, who sells dried fish. "By noon the market is empty and the ice melts in an hour."

Ice factories in the capital reported a surge in orders, while sales of fans and portable coolers rose sharply at electronics retailers. A manager at one chain said stocks of some models had sold out within days.

The Ministry of Education has allowed schools to start classes earlier in the morning and finish at 11 a.m. during the hottest weeks, and advised teachers to keep students indoors during breaks.

Farmers in the northwest said the dry conditions had delayed the planting of early wet-season rice, and some villages in Banteay Meanchey were relying on water delivered by tanker trucks.

Economists said the heat could shave a small amount off second-quarter growth by reducing working hours in construction and agriculture, though they expected higher consumer spending on cooling products to offset part of the impact.

The meteorology ministry advised the public to drink plenty of water, avoid strenuous activity between 11 a.m. and 3 p.m. and check on elderly neighbours.
""",
    sentencings=[], traps=[],
),
dict(
    slug="ncct-annual-report-sharp-rise-in-online-scam-cases",
    date="2024-05-21T10:00:00", section="region", also=[], country="Cambodia",
    author="Meas Sokunthea", on_topic=True,
    title="Counter-trafficking committee reports sharp rise in online scam cases",
    standfirst="NCCT says more people were removed from scam compounds in 2023 than in any previous year, but NGOs warn that prosecutions are not keeping pace",
    body="""
PHNOM PENH — Cambodia's National Committee for Counter Trafficking (NCCT) on Monday reported a sharp rise in the number of people removed from online scam operations last year, saying such cases now make up the largest share of trafficking investigations in the country.

Presenting the committee's annual report at the Ministry of Interior, NCCT Secretary-General Ms. Chhun Sokunthy said police and provincial authorities had screened more than 3,900 people, most of them foreign nationals, during operations at suspected scam premises in 2023.

"The nature of trafficking in Cambodia has changed," she said. "Ten years ago most of our cases involved sexual exploitation or labour in Thailand. Today a large share involves criminal groups using computers and phones to deceive people inside and outside the country."

According to the report, police opened 391 trafficking-related investigations and arrested 512 suspects in 2023. Cambodian courts convicted 120 traffickers last year, up from 97 in 2022, the report said.

The committee also recorded 1,046 Cambodians returned from Thailand, Malaysia and China who were screened as possible victims, including women sent to China as brides and men who had worked on fishing boats.

Mr. Soeung Sarin, head of the women's and children's rights section at the rights group Adhoc, said the figures showed progress but that prosecutions still lagged far behind the number of victims identified.

"Thousands of people were rescued, but only a few dozen bosses ever see the inside of a courtroom," he said. "The guards and the drivers are arrested. The people who own the buildings are not."

Chab Dai's research coordinator, Ms. Nget Sophea, said reintegration services for returning victims were overstretched, particularly in border provinces such as Banteay Meanchey and Svay Rieng.

"When people come home, they often come home to debt," she said. "If there is no job and no support, some of them will go back to the same broker within a year."

The report said the Ministry of Women's Affairs had trained 2,600 commune officials to recognise signs of trafficking, and that a hotline operated with support from the International Organization for Migration had received more than 8,000 calls.

Mr. Benedikt Hofmann, a regional adviser with the United Nations Office on Drugs and Crime (UNODC) in Bangkok, who attended the launch, said cooperation between countries would be decisive. "These networks move money and people across three or four borders in a week," he said. "Investigations have to move just as fast."

The NCCT said it would finalise a new five-year national action plan before the end of the year.
""",
    sentencings=[],
    traps=["Cambodian courts convicted 120 traffickers last year, up from 97 in 2022, the report said."],
),
dict(
    slug="ho-chi-minh-city-court-sentences-ring-leader-to-death",
    date="2024-06-13T17:30:00", section="crime", also=["region"], country="Vietnam",
    author="Nguyen Thu Trang", on_topic=True,
    title="Ho Chi Minh City court sentences ring leader to death over killing of recruit",
    standfirst="Gang lured young Vietnamese to scam compounds across the Cambodian border; a 19-year-old who tried to escape was beaten to death",
    body="""
HO CHI MINH CITY — The People's Court of Ho Chi Minh City on Thursday sentenced the leader of a gang that sold young Vietnamese job-seekers to online scam compounds in Cambodia to death, after finding him guilty of murdering a 19-year-old recruit who tried to escape from a safe house in the city's Binh Chanh district.

Tran Van Khoa, 46, was convicted of murder and trafficking in persons under Articles 123 and 150 of the Penal Code. The panel of judges said his crimes were "especially serious" and left "no grounds for leniency".

Two men who guarded the safe house and took part in the beating, Pham Quoc Bao, 33, and Dinh Van Tuan, 29, received 20 years and 16 years in prison respectively. A fourth defendant, Le Thi Hoa, 38, who posted fake job advertisements on social media, was jailed for nine years.

According to the indictment, the group recruited at least 27 people, most of them aged between 17 and 25, from Ho Chi Minh City and several Mekong Delta provinces between 2021 and 2023, promising jobs as online sales staff with salaries of up to 20 million dong a month.

Recruits were held at rented houses before being taken through unofficial crossings in An Giang province and handed to compound operators in Cambodia, who paid the gang between $1,500 and $3,000 per person, prosecutors said.

In March 2023, the 19-year-old tried to climb over the wall of the Binh Chanh house after learning where he was being sent. He was caught, beaten with metal pipes and died in hospital two days later.

"This case shows the true face of these so-called easy, well-paid jobs," said Senior Lt. Col. Vo Thanh Hai of the city police's criminal investigation division, which led the investigation with the Ministry of Public Security.

"We call on young people and their families to verify any job offer abroad, and to contact the police immediately if they are asked to cross the border without a passport or a work permit," he said.

Several of those trafficked testified by video link from their home provinces. Some told the court they had been beaten or sold on to other compounds after failing to meet targets for defrauding people online.

Ms. Rebecca Lindahl, a programme officer with UNODC's regional office in Bangkok, said the case highlighted how recruitment networks operate on both sides of the border. "The people who recruit and the people who run the compounds are partners in the same business," she said.

Khoa has 15 days to appeal to the High People's Court in Ho Chi Minh City. Under Vietnamese law, death sentences must also be reviewed by the Supreme People's Court before they can be carried out, and those convicted may petition the State President for clemency.
""",
    sentencings=[
        S("Tran Van Khoa", None, death=True, court="People's Court of Ho Chi Minh City", place="Ho Chi Minh City"),
        S("Pham Quoc Bao", 240, court="People's Court of Ho Chi Minh City", place="Ho Chi Minh City"),
        S("Dinh Van Tuan", 192, court="People's Court of Ho Chi Minh City", place="Ho Chi Minh City"),
        S("Le Thi Hoa", 108, court="People's Court of Ho Chi Minh City", place="Ho Chi Minh City"),
    ],
    traps=["Under Vietnamese law, death sentences must also be reviewed by the Supreme People's Court before they can be carried out, and those convicted may petition the State President for clemency."],
),
dict(
    slug="pasay-court-sentences-recruiter-to-life-over-scam-hub-deployments",
    date="2024-07-09T13:10:00", section="crime", also=["region"], country="Philippines",
    author="Paolo Manalo", on_topic=True,
    title="Pasay court sentences recruiter to life for sending Filipinos to scam hubs",
    standfirst="Woman posed as a travel agent and coached her recruits to pass airport immigration checks as tourists, the court found",
    body="""
MANILA — A Regional Trial Court in Pasay City has sentenced a recruiter to life imprisonment for sending seven Filipinos to work in online scam compounds in Cambodia and Myanmar, the Inter-Agency Council Against Trafficking (IACAT) said on Monday.

Marites Dela Cruz Ocampo, 41, was found guilty of qualified trafficking in persons under Republic Act 9208, as amended, and was also ordered to pay a fine of 2 million pesos.

Qualified trafficking carries a penalty of life imprisonment and a fine of between 2 million and 5 million pesos.

In a 38-page decision dated June 28, Presiding Judge Ma. Lourdes Villanueva said Ocampo had posed as a travel agent, coached her recruits to present themselves as tourists and supplied them with hotel bookings and "show money" to pass immigration checks at Ninoy Aquino International Airport (NAIA).

"The accused did not merely facilitate travel. She designed each step of the journey so that her victims would arrive where they could be controlled," the judge wrote.

The seven recruits, aged 21 to 34 and most of them from Pampanga and Bulacan, flew to Bangkok in 2022 believing they would work as customer service agents for a cryptocurrency firm. Four were driven to Mae Sot and taken across the river into Myanmar, while the other three were flown on to Phnom Penh.

A 24-year-old woman from Pampanga told the court she had been made to work 16-hour shifts posing as a wealthy widow on dating apps and was locked in a room without food when she refused. She and three others were freed in 2023 after relatives contacted the Philippine embassy.

Ocampo's network began to unravel when Bureau of Immigration officers at NAIA intercepted two more of her recruits in early 2023 and noticed that their return tickets had been booked by the same person.

"This conviction is the result of officers at the airport paying attention to small details," said Atty. Cecilia Bernardo, IACAT's executive director. "Not every offloaded passenger is a victim, but every victim we stop at the airport is a life we do not have to rescue from a compound."

Ocampo's lawyer said she would file a motion for reconsideration. A co-accused, identified in court records only by the alias "Jun", remains at large.

The Department of Foreign Affairs has repeatedly warned Filipinos against accepting job offers in Cambodia, Myanmar and Laos that are made through social media or that require travel on a tourist visa.
""",
    sentencings=[
        S("Marites Dela Cruz Ocampo", None, life=True, fine="2 million pesos", court="Regional Trial Court in Pasay City", place="Pasay City"),
    ],
    traps=["Qualified trafficking carries a penalty of life imprisonment and a fine of between 2 million and 5 million pesos."],
),
dict(
    slug="thai-police-receive-workers-freed-from-myawaddy-compounds",
    date="2024-08-01T19:00:00", section="region", also=[], country="Thailand",
    author="Pichaya Suksawat", on_topic=True,
    title="Thai police receive 96 workers freed from Myawaddy compounds",
    standfirst="Group of mostly Indonesian, Filipino and Ethiopian nationals crossed into Mae Sot; authorities say screening will decide who is treated as a victim",
    body="""
MAE SOT, Thailand — Thai police on Wednesday received 96 foreign nationals who had been released from scam compounds near the Myanmar border town of Myawaddy, in one of the largest single handovers this year.

The group, made up of 41 Indonesians, 23 Filipinos, 18 Ethiopians and 14 people from other countries, crossed the Thai-Myanmar Friendship Bridge into Tak province's Mae Sot district in the afternoon and were taken by bus to a screening centre.

Pol. Maj. Gen. Thanakorn Wongsuwan, commander of the Tak Provincial Police, said officers from the Royal Thai Police and the Department of Special Investigation would interview each person to determine whether they were victims of human trafficking.

"Some were deceived, some were held by force, and some may have gone knowing what the work was," Thanakorn said. "We have to listen to each person before we decide. That is the law, and it is also the only way to build cases against the organisers."

Several of the workers, who had spent between four months and two years inside the compounds, appeared exhausted. One Ethiopian man walked with a limp and said he had been beaten with a plastic pipe after a failed attempt to escape.

A 28-year-old Indonesian woman said she had been recruited through a messaging app for an administrative job in Bangkok. "They took my passport the first day," she said. "They said if I wanted it back, my family must pay $5,000."

The International Organization for Migration (IOM) said it was providing food, medical checks and temporary accommodation, and would work with embassies to arrange flights home.

"The first days after release are critical," said Ms. Aye Chan Moe, an IOM protection officer in Mae Sot. "People need rest and medical care, and they need to understand their rights before anyone asks them detailed questions about what happened."

Armed groups that control territory around Myawaddy have released several groups of workers in recent months under pressure from Thailand and China, but rights organisations say thousands more remain inside.

The Royal Thai Police said it had arrested three Thai nationals suspected of driving recruits to the border, and was seeking arrest warrants for two more.

Thanakorn said checkpoints along the Moei River had been reinforced and that officers were checking vans and pickup trucks heading towards the border for passengers who could not explain their journey.
""",
    sentencings=[], traps=[],
),
dict(
    slug="milled-rice-exports-climb-as-buyers-diversify",
    date="2024-08-28T08:30:00", section="business", also=[], country="Cambodia",
    author="Hannah Brooke", on_topic=False, tags=["Agriculture", "Exports"],
    title="Cambodia's milled rice exports climb 9 percent as buyers diversify",
    standfirst="Shipments to the Philippines and West Africa offset softer demand from China, the Cambodia Rice Federation says",
    body="""
PHNOM PENH — Cambodia's milled rice exports rose 9 percent in the first seven months of the year as shipments to the Philippines, West Africa and the Middle East offset weaker demand from China, according to figures released by the Cambodia Rice Federation (CRF).

Exporters shipped about 372,000 tonnes of milled rice between January and July, worth around $290 million, the federation said. Fragrant varieties such as Phka Rumduol made up more than half of the total.

"Buyers are spreading their risk. They do not want to depend on one origin, and Cambodia has built a reputation for quality fragrant rice," a CRF official said. "Our challenge is to deliver consistent volumes at a competitive price."

China remained the largest single market, but its share fell to about 35 percent from more than 40 percent a year earlier. Shipments to the Philippines nearly doubled, while exports to Côte d'Ivoire and Gabon also grew.

Millers in Battambang and Prey Veng said higher paddy prices had squeezed their margins. Farmers, by contrast, welcomed the better prices after two difficult seasons.

"Last year I sold at 900 riel a kilo. This year the traders came to the field and paid 1,150," said a farmer in Battambang's Sangke district. "If the rain is good, I will plant more fragrant rice next season."

Analysts warned that logistics costs remain a drag. Most Cambodian rice still leaves through the deep-sea port at Sihanoukville, and exporters complain that shipping a container to Europe costs significantly more than from Vietnamese ports.

The Ministry of Agriculture, Forestry and Fisheries said it was working with development partners to improve seed quality and expand drying and storage capacity, which would allow farmers to hold their crops until prices improve.

The federation has set a target of exporting 1 million tonnes of milled rice a year by 2025, a goal that industry insiders say will require new investment in mills and more long-term contracts with foreign buyers.

Bankers said lending to the sector had picked up this year, with several mills in the northwest seeking credit to buy colour sorters and packaging lines that meet the standards of supermarket chains abroad.
""",
    sentencings=[], traps=[],
),
dict(
    slug="siem-reap-court-sentences-woman-who-sent-children-to-beg",
    date="2024-09-17T14:00:00", section="crime", also=[], country="Cambodia",
    author="Meas Sokunthea", on_topic=True,
    title="Siem Reap court sentences woman who sent children to beg at Angkor temples",
    standfirst="Part of the term is suspended because the defendant cares for two young children; her partner, who drove the children into town, is fined",
    body="""
SIEM REAP — The Siem Reap Provincial Court on Monday sentenced Mom Sophal, 34, to two and a half years in prison, with one year suspended, for forcing five children to beg and sell bracelets to tourists around the Angkor temples and the city's Pub Street.

Her partner, Phan Rotha, 37, who drove the children to and from the city each evening, was fined 2 million riel. Both were convicted under Cambodia's 2008 Law on Suppression of Human Trafficking and Sexual Exploitation.

Judge Chhay Sokhom said the court had suspended part of Sophal's term because she is the sole carer of two children under the age of five, but stressed that the offence was serious.

"Children are not tools for earning money," the judge said as she read the verdict. "The defendant sent them out at night, took everything they earned and punished them when they came back with too little."

The children, aged between seven and 13, were from poor families in Kralanh district. Their parents told police that Sophal had promised to send them to school in the city and to pay the families $30 a month.

Instead, the court heard, the children were sent out each afternoon with bundles of bracelets and postcards and told to bring back at least $20 each. Those who returned with less were made to sleep without dinner.

The case came to light in March after staff from Friends International's ChildSafe Movement noticed the same children working late at night near a bar street and alerted the provincial Department of Social Affairs, Veterans and Youth Rehabilitation.

"Child begging is one of the most visible forms of trafficking in Siem Reap, and one of the most misunderstood. Tourists think they are helping when they buy from a child or give money, but often that money goes straight to an adult who controls the child," said Mr. Hak Sovannarith, a programme coordinator with Friends International in Siem Reap. "The best way to help is to support services that keep children in school."

The five children have returned to their families and are enrolled in school with support from a local organisation, the provincial department said.

Rotha told the court he had not known the children were being mistreated and had only been paid for fuel. Lawyers for both defendants said they would consider an appeal.

UNICEF has previously warned that children who beg or sell goods on the streets are at higher risk of abuse and of dropping out of school, and has urged tourists not to give money directly to children.
""",
    sentencings=[
        S("Mom Sophal", 30, suspended_months=12, court="Siem Reap Provincial Court", place="Siem Reap"),
        S("Phan Rotha", None, fine="2 million riel", court="Siem Reap Provincial Court", place="Siem Reap"),
    ],
    traps=[],
),
dict(
    slug="johor-factory-supervisor-jailed-over-myanmar-workers",
    date="2024-10-08T12:25:00", section="crime", also=["region"], country="Malaysia",
    author="Farah Aziz", on_topic=True,
    title="Johor factory supervisor jailed for holding Myanmar workers' passports and wages",
    standfirst="Sessions Court finds 23 workers were locked in a hostel and paid nothing for nine months; the labour agent who supplied them is also jailed",
    body="""
JOHOR BAHRU — Factory supervisor Lim Wei Keat, 49, was jailed for seven years and fined RM60,000 by the Sessions Court in Johor Bahru on Tuesday after being found guilty of trafficking 23 Myanmar workers for forced labour at an electronics components plant in Pasir Gudang.

A labour agent who supplied the workers, Muhammad Hafiz Rosli, 37, was jailed for four years.

Sessions Court Judge Nor Azlina Ismail said the prosecution had proved that the workers' passports were held by the company, that they were locked in a hostel at night and that their wages had been withheld for nine months on the pretext of repaying recruitment fees.

"The accused treated these workers as property. They could not leave, they could not send money home and they could not complain without fear of being reported to immigration," she said in her judgment.

Both men were convicted under the Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act 2007.

The case began in May 2023, when officers from the Royal Malaysia Police raided the hostel following a tip-off from a worker's relative in Yangon who had received a voice message pleading for help.

Police found 23 men and women, aged between 19 and 42, living in a single hall with shared mattresses and one toilet. Several said they had been threatened with arrest if they tried to leave the premises.

"This case should remind every employer that holding a worker's passport is not an administrative matter," Johor police chief Comm. Datuk Kamal Ariffin Yusof said after the verdict. "It is one of the clearest signs of forced labour, and we will act on it."

Lim's lawyer, Mr. Gerald Chong, said his client would appeal, arguing that hostel rules had been set by the company's management rather than by the supervisor.

The workers have since been repatriated or found new employers through a government programme, according to the International Organization for Migration, which assisted them.

"Malaysia's manufacturing sector depends heavily on migrant labour, and brands are asking questions about their supply chains," said Ms. Nurul Huda Kassim, a labour migration specialist with IOM in Kuala Lumpur. "Cases like this one show why ethical recruitment has to be more than a slogan."

Malaysia has faced international pressure to address forced labour in its manufacturing and plantation sectors, with several companies subject to import bans by United States customs authorities in recent years.
""",
    sentencings=[
        S("Lim Wei Keat", 84, fine="RM60,000", court="Sessions Court in Johor Bahru", place="Johor Bahru"),
        S("Muhammad Hafiz Rosli", 48, court="Sessions Court in Johor Bahru", place="Johor Bahru"),
    ],
    traps=[],
),
dict(
    slug="cambodian-children-found-begging-in-bangkok-returned-home",
    date="2024-11-05T09:15:00", section="region", also=[], country="Thailand",
    author="Pichaya Suksawat", on_topic=True,
    title="Thirty-one Cambodian children found begging in Bangkok returned home through Poipet",
    standfirst="Thai and Cambodian officials say most of the children were brought across the border by adults posing as relatives",
    body="""
POIPET, Cambodia — Thirty-one Cambodian children who were found begging and selling flowers on the streets of Bangkok were returned home through the Poipet international checkpoint on Monday, officials said.

The children, aged between four and 14, were found during a series of operations by the Royal Thai Police and Bangkok social welfare officials in the Sukhumvit, Silom and Khao San Road areas in September and October.

Thai officials said most had been brought across the border at Aranyaprathet in Sa Kaeo province by adults who claimed to be relatives, and were made to work from late afternoon until after midnight. Police arrested 11 adults, including four Thai nationals accused of renting rooms to the groups.

Under Thailand's Anti-Trafficking in Persons Act, trafficking a child under 15 carries a maximum of 15 years in prison.

At the checkpoint, the children were received by officials from Cambodia's Ministry of Social Affairs, Veterans and Youth Rehabilitation and staff from Friends International, who will assess whether each child can safely return to their family.

"Some of these children have been in Bangkok more than once," said Ms. Seng Leakhena, a social worker with Friends International in Poipet. "If we send them back to the same situation, with the same debts and the same people knocking on the door, they will be back on the street in a few months."

Most of the children came from villages in Banteay Meanchey and Oddar Meanchey provinces, where families often borrow money from neighbours who later arrange for children to travel to Thailand, officials said.

UNICEF Cambodia said in a statement that child begging was "a symptom of poverty and debt" and called for stronger social protection payments for poor families, alongside prosecution of those who organise the work.

Thai police said they would continue checks in tourist areas during the high season. "If you see a very young child selling flowers at midnight, please call 1300," said Pol. Col. Anan Rattanaporn of the Metropolitan Police Bureau, referring to Thailand's social assistance hotline.

Cambodia and Thailand signed a memorandum of understanding on cooperation against trafficking in children and women in 2003 and have since agreed procedures for returning child victims through official border crossings.

Ms. Leakhena said the children would stay at a transit centre in Poipet for up to two weeks while social workers visited their home villages.
""",
    sentencings=[],
    traps=["Under Thailand's Anti-Trafficking in Persons Act, trafficking a child under 15 carries a maximum of 15 years in prison."],
),
dict(
    slug="laos-deports-hundreds-after-golden-triangle-raids",
    date="2024-12-03T15:40:00", section="region", also=[], country="Laos",
    author="Niamh Gallagher", on_topic=True,
    title="Laos deports hundreds after raids in Golden Triangle economic zone",
    standfirst="Lao authorities say 771 people were detained in Bokeo's special economic zone; UN analyst warns that deportation must not replace victim screening",
    body="""
BOKEO, Laos — Lao authorities have deported hundreds of foreign nationals detained during raids on suspected scam operations in the Golden Triangle Special Economic Zone in northern Bokeo province, state media reported on Monday.

The Ministry of Public Security said 771 people from more than 10 countries had been detained in the zone in Ton Pheung district since mid-August, most of them Chinese nationals, along with citizens of Myanmar, Vietnam, Indonesia and the Philippines.

More than 500 had already been handed over to the authorities of their home countries, the ministry said, while others were still awaiting travel documents.

A ministry statement said the operations targeted "online fraud, illegal gambling, human trafficking and related crimes", and that buildings used by scam groups had been closed and equipment seized.

The zone, which sits on the Mekong River where Laos meets Thailand and Myanmar, is run by a Hong Kong-registered company under a long-term lease from the Lao government, and has long been criticised by international agencies as a hub for casinos and illicit business.

"Deportation is not the same as justice," said Mr. Tomas Berglund, a regional analyst with the United Nations Office on Drugs and Crime (UNODC). "Many of those being sent home were recruited with false promises and held against their will. Unless they are properly identified as victims, the people running these operations will simply recruit replacements."

The Philippine and Indonesian embassies in Vientiane said they had assisted several dozen of their nationals, some of whom reported being held in locked dormitories and having their passports taken from them.

A 31-year-old Filipino man who returned to Manila last week told The Mekong Ledger by phone that he had been recruited for a job as a "chat support agent" in Thailand and was taken to the zone by boat across the Mekong. "I only understood where I was when I saw the casino," he said.

Lao officials said they were working with neighbouring countries on joint investigations, and that companies found to be involved in crime would lose their business licences in the zone.

Rights groups have questioned how long the crackdown will last. Similar raids were carried out in 2022 and 2023, but operations resumed within months, according to organisations monitoring the region.

The International Organization for Migration said it was ready to support the safe return of any trafficking victims identified among those detained.
""",
    sentencings=[], traps=[],
),
dict(
    slug="angkor-ticket-sales-climb-as-new-airport-adds-routes",
    date="2024-12-19T11:00:00", section="business", also=[], country="Cambodia",
    author="Hannah Brooke", on_topic=False, tags=["Tourism", "Aviation"],
    title="Angkor ticket sales climb as new Siem Reap airport adds routes",
    standfirst="Foreign visitors to the temple park rose by about a quarter in November as airlines added direct flights from around Asia",
    body="""
SIEM REAP — Ticket sales at the Angkor Archaeological Park rose by about a quarter in November compared with a year earlier, as new routes into Siem Reap Angkor International Airport brought more foreign visitors at the start of the high season, the state-owned Angkor Enterprise said.

The park sold about 61,000 passes to international visitors last month, generating just over $3 million in revenue, according to the company's monthly figures.

Hotel owners said occupancy in the city centre had climbed above 70 percent on weekends for the first time since before the pandemic. "We are finally seeing tour groups again, not only backpackers," said Phok Sreyleak, who manages a 40-room boutique hotel near the Old Market.

The airport, about 50 kilometres east of the city, opened in late 2023 and can handle larger aircraft than the old airport on the edge of town. Airlines have since added direct services from several Asian cities, and a low-cost carrier began flights from Seoul in October.

Tuk-tuk drivers, who complained about the long distance to the new terminal when it opened, said business had improved. "The trip to the airport is long, but the tourists need us every day for the temples," said driver Eang Samnang.

Provincial tourism officials said they were developing new walking and cycling routes around less-visited temples such as Banteay Srei and Beng Mealea to spread visitors beyond the central monuments and reduce crowding at Angkor Wat at sunrise.

The Ministry of Tourism expects Cambodia to receive about 6.5 million international visitors this year, with China, Thailand and Vietnam among the biggest source markets.

Conservation experts urged caution. "More visitors are good news for Siem Reap's economy, but the temples are fragile," said an official with the APSARA National Authority, which manages the site. "We need to manage the flow carefully, especially on the steep stairs and in the narrow galleries."

Hotel associations are also pressing for more night-time attractions, such as performances and light shows, to persuade visitors to stay an extra night in the city.

Restaurant owners along the riverside said bookings for Christmas and New Year were already ahead of last year, with groups from South Korea and Europe making up a growing share.
""",
    sentencings=[], traps=[],
),
dict(
    slug="svay-rieng-court-jails-three-over-brides-sold-to-china",
    date="2025-01-14T16:20:00", section="crime", also=[], country="Cambodia",
    author="Chan Sopheak", on_topic=True,
    title="Svay Rieng court jails three for selling young women as brides in China",
    standfirst="Couple and a Chinese broker promised factory jobs but arranged marriages for which the grooms paid up to $15,000, the court found",
    body="""
SVAY RIENG — Three people, including a Chinese national, were jailed on Monday by the Svay Rieng Provincial Court for arranging the sale of four young women to men in China as brides.

The court convicted Ouk Chanthy, 44, her husband Nhem Rithy, 47, and Chinese national Zhang Wei, 35, of unlawful removal for cross-border purposes under the 2008 Law on Suppression of Human Trafficking and Sexual Exploitation. All three were sentenced to seven years in prison.

Judge Sar Vanna said the couple had approached the women's families in Svay Chrum district in 2022 with offers of factory work in China paying $600 a month, and had covered the cost of passports and flights. Zhang arranged marriages with men in eastern China, who paid him up to $15,000 for each woman, the court found.

"The victims were told they were going to work. They only learned at the airport in China that they were going to be married to strangers," the judge said. "They were sold, and the defendants knew it."

Three of the women were between 18 and 22 years old when they left; the fourth was 17. Two escaped after several months and contacted the Cambodian embassy in Beijing, which arranged their return with help from Chinese police. The other two are still believed to be in China, the court heard.

Chanthy told the court she had believed the marriages were "a good opportunity" for poor families. Rithy said he had only accompanied the women to Phnom Penh airport. Zhang, who was arrested in Phnom Penh in March last year, said through an interpreter that he had acted as a translator and had not received any money.

Ms. Pen Sophorn, a spokeswoman for the Ministry of Women's Affairs, said the ministry was working with the Ministry of Interior to bring the remaining women home. "We will not forget them," she said. "Every woman who is still in China is someone's daughter, and we are in contact with the families every month."

Mr. Chum Sarath, Adhoc's provincial coordinator in Svay Rieng, said awareness campaigns about bride trafficking had reduced the number of families accepting such offers, but that brokers had moved to social media.

"Before, brokers came to the village. Now they send messages on Facebook and TikTok and promise marriage to a rich man in a big city," he said. "Some families still think it is a way out of debt."

Cambodia and China have signed agreements on cooperation against trafficking, and Cambodian police have arrested several brokers in recent years in cases involving women sent to China for marriage.
""",
    sentencings=[
        S("Ouk Chanthy", 84, court="Svay Rieng Provincial Court", place="Svay Rieng"),
        S("Nhem Rithy", 84, court="Svay Rieng Provincial Court", place="Svay Rieng"),
        S("Zhang Wei", 84, court="Svay Rieng Provincial Court", place="Svay Rieng"),
    ],
    traps=[],
),
dict(
    slug="kupang-court-hands-recruiters-six-year-terms",
    date="2025-02-11T14:50:00", section="crime", also=["region"], country="Indonesia",
    author="Rini Hapsari", on_topic=True,
    title="Kupang court hands recruiters six-year terms for sending young workers to Sabah",
    standfirst="Seventeen people from East Nusa Tenggara, including four minors, were sent to oil palm plantations in Malaysia without documents",
    body="""
KUPANG, Indonesia — The Kupang District Court on Tuesday handed six-year terms to recruiters Yohanes Ndolu, 45, and Maria Goreti Seran, 40, for sending 17 young people from East Nusa Tenggara to work on oil palm plantations in Malaysia's Sabah state without documents, and fined each 120 million rupiah.

Presiding Judge Ketut Wirawan said the two had violated Law No. 21 of 2007 on the Eradication of the Crime of Trafficking in Persons by recruiting the victims with false promises and transporting them for the purpose of exploitation.

Prosecutors had demanded nine years for each defendant.

The court heard that the pair recruited the 17, including four aged 16 and 17, from villages in Timor Tengah Selatan and Malaka regencies in 2023, promising jobs in Malaysia with monthly wages of 2,000 ringgit. They travelled by ship to Nunukan in North Kalimantan and were then taken by speedboat to Tawau in Sabah.

On the plantation, the workers were told they owed the recruiters for their travel and had their pay withheld. Most of them received nothing for seven months.

The case was uncovered after Malaysian authorities detained several of the workers during an immigration check and deported them to Nunukan, where they told officials they had been deceived.

"These recruiters use the trust of the village. They are often known to the families, sometimes they are even relatives," said Senior Commissioner Agustinus Bere of the East Nusa Tenggara regional police, part of the Indonesian National Police. "We ask people to register through official channels so that workers are protected."

Ms. Yuliana Ratu, a project officer with the International Organization for Migration (IOM) in Kupang, said the province remained one of the main sources of undocumented migrant workers in Indonesia.

"Every year, families here receive the bodies of relatives who died abroad working without documents or protection," she said. "Prevention has to start in the villages, with real information about safe migration and real jobs at home."

Both defendants said they would consider whether to appeal. Ndolu told reporters outside the courthouse that he had "only helped" young people who wanted to work abroad.

Indonesian law requires migrant workers to be placed through licensed agencies and registered with the government before they leave the country.
""",
    sentencings=[
        S("Yohanes Ndolu", 72, fine="120 million rupiah", court="Kupang District Court", place="Kupang"),
        S("Maria Goreti Seran", 72, fine="120 million rupiah", court="Kupang District Court", place="Kupang"),
    ],
    traps=["Prosecutors had demanded nine years for each defendant."],
),
dict(
    slug="sabah-police-rescue-plantation-workers-lahad-datu",
    date="2025-03-06T10:30:00", section="region", also=[], country="Malaysia",
    author="Farah Aziz", on_topic=True,
    title="Sabah police rescue 40 workers, including children, from Lahad Datu plantation",
    standfirst="Workers were paid in food vouchers and prevented from leaving the estate, police say; two supervisors remanded",
    body="""
LAHAD DATU, Malaysia — Police in Sabah have rescued 40 plantation workers, including 11 children, from an oil palm estate near Lahad Datu where they were allegedly paid in food vouchers and prevented from leaving, the Royal Malaysia Police said on Wednesday.

The workers, most of them Indonesian and Filipino nationals along with several stateless people born in Sabah, were found during a raid on Monday by officers from the police anti-trafficking unit and the state Labour Department.

Sabah Deputy Police Commissioner Datuk Roslan Abdul Majid said two estate supervisors, both Malaysian men in their 40s, had been arrested at the scene.

The Lahad Datu Magistrate's Court granted police a seven-day remand order for the two suspects on Tuesday.

Trafficking in persons under the Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act is punishable by up to 15 years in prison and a fine.

"The workers could only buy food from the estate shop using vouchers, and the prices were so high that they were always in debt," Roslan told reporters. "The children were working alongside their parents, collecting loose fruit from the ground."

Police said the estate had not paid wages in cash for more than a year and had kept the identity documents of the foreign workers in a locked office.

UNICEF said children of plantation workers in Sabah, many without birth registration or citizenship, were especially vulnerable because they could not attend government schools.

"Without documents, these children are invisible to the system," said Ms. Grace Wong, a UNICEF child protection officer in Kota Kinabalu. "Being invisible is exactly what makes them easy to exploit."

The Indonesian consulate in Tawau said it was providing assistance to its citizens, while Filipino workers were being assisted through the Philippine embassy in Kuala Lumpur.

An industry group representing plantation companies said it did not comment on individual cases but that its members were required to follow national labour laws and international certification standards.

Sabah's plantations rely heavily on foreign workers, many of whom have lived in the state for decades without secure legal status, according to researchers and rights groups.
""",
    sentencings=[],
    traps=[
        "The Lahad Datu Magistrate's Court granted police a seven-day remand order for the two suspects on Tuesday.",
        "Trafficking in persons under the Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act is punishable by up to 15 years in prison and a fine.",
    ],
),
dict(
    slug="cross-border-qr-payments-link-cambodia-with-neighbours",
    date="2025-03-27T09:00:00", section="business", also=[], country="Cambodia",
    author="Hannah Brooke", on_topic=False, tags=["Technology", "Banking"],
    title="Cross-border QR payments link Cambodia with more regional neighbours",
    standfirst="Visitors from Thailand, Vietnam and Laos can now pay at Cambodian shops by scanning a single code with their own banking apps, the central bank says",
    body="""
PHNOM PENH — Visitors from neighbouring countries can now pay at hundreds of thousands of Cambodian shops and restaurants by scanning a KHQR code with their own banking apps, after the National Bank of Cambodia expanded its cross-border QR payment links, the central bank said on Wednesday.

The links allow a customer with a Thai, Vietnamese or Lao mobile banking app to scan a Cambodian merchant's code and pay in their own currency, with the amount converted automatically. Cambodian customers can do the same when travelling in those countries.

"For a small shop in Siem Reap or Kampot, this means a visitor from Bangkok or Ho Chi Minh City can pay just like a local customer," a central bank official said at a launch event. "There is no need to carry cash or exchange money at the border."

The system is built on Bakong, the central bank's payment platform launched in 2020, which connects banks and payment providers in Cambodia and allows instant transfers in riel and US dollars.

Merchants welcomed the change. "Before, Thai customers would ask if they could pay by card, and I had to say no," said the owner of a coffee shop near Kampot's riverside. "Now they just scan the code on the counter."

Analysts said the links were part of a wider push among ASEAN central banks to make small cross-border payments cheaper and faster, and to encourage greater use of local currencies in regional trade and tourism.

Bankers said the next challenge would be to raise awareness among tourists, many of whom do not know that their home banking apps can already be used in Cambodia.

The central bank said transactions through the cross-border links had grown strongly over the past year, though it did not give exact figures, and that it was in talks to add more countries.

Some small vendors in rural markets still prefer cash, citing patchy internet coverage and concerns about fees. The central bank said merchant fees for domestic QR payments would remain low to encourage adoption.

Technology firms in Phnom Penh said the growth of QR payments had also created demand for simple point-of-sale software, accounting tools and loyalty apps aimed at family-run shops.
""",
    sentencings=[], traps=[],
),
dict(
    slug="battambang-man-handed-15-year-sentence-for-selling-girl",
    date="2025-04-22T15:30:00", section="crime", also=[], country="Cambodia",
    author="Meas Sokunthea", on_topic=True,
    title="Battambang man handed 15-year sentence for selling girl, 14, to Thai karaoke bar",
    standfirst="Court finds the defendant took the girl across the border through forest in Kamrieng district and sold her to a broker for 12,000 baht",
    body="""
BATTAMBANG — Yim Sokha, 52, received a 15-year prison sentence from the Battambang Provincial Court on Monday for selling a 14-year-old girl from his village to a broker who took her to work in a karaoke bar in Thailand.

Judge Nhim Sovanna said Sokha, a rice farmer and distant relative of the girl, had convinced her mother in 2023 that the girl would work in a restaurant in Thailand's Chanthaburi province and send money home each month.

Instead, Sokha took her across the border along a forest path in Kamrieng district and handed her to a Thai broker for 12,000 baht, the court found. The girl was made to serve drinks and sit with customers at a karaoke bar, where she was sexually abused.

"The accused exploited the trust of a poor family and the innocence of a child," the judge said. "He sold a girl for the price of a motorbike."

Under Cambodia's 2008 Law on Suppression of Human Trafficking and Sexual Exploitation, unlawful removal of a minor for cross-border purposes carries a maximum of 20 years in prison.

Deputy Prosecutor Seng Bunly said after the hearing that his office was satisfied with the verdict and would not appeal. Sokha, who had pleaded not guilty, did not react when the verdict was read.

The girl was found by Thai police during an inspection of entertainment venues in Chanthaburi in August 2024 and returned to Cambodia through the Ban Pakkard–Phsar Prum crossing in Pailin, where she was received by provincial social affairs officials.

Maj. Keo Rithy of the provincial anti-human trafficking and juvenile protection police said officers were working with the Royal Thai Police to identify the broker. "We know his nickname and his phone number. We will find him," he said.

Ms. Mao Sreyleak, a Licadho provincial monitor in Battambang, said families in border villages were under heavy pressure from debt, which made them vulnerable to people offering work in Thailand.

"Many of these families have two or three loans at the same time," she said. "When a neighbour or a relative comes with a job for the daughter, the mother thinks it is help, not danger."

The girl is now living with an aunt in Battambang town and receiving counselling from a local organisation, the court heard.
""",
    sentencings=[
        S("Yim Sokha", 180, court="Battambang Provincial Court", place="Battambang"),
    ],
    traps=["Under Cambodia's 2008 Law on Suppression of Human Trafficking and Sexual Exploitation, unlawful removal of a minor for cross-border purposes carries a maximum of 20 years in prison."],
),
dict(
    slug="report-urges-asean-to-treat-scam-compounds-as-forced-labour",
    date="2025-05-15T08:00:00", section="region", also=[], country="Regional",
    author="Niamh Gallagher", on_topic=True,
    title="Report urges ASEAN to treat scam compounds as a forced labour emergency",
    standfirst="Walk Free and partner groups say governments still punish many victims as offenders, while the people who profit are rarely prosecuted",
    body="""
BANGKOK — Governments in South-East Asia must stop treating people forced to work in online scam compounds as criminals and instead recognise them as victims of forced labour, a coalition led by the human rights group Walk Free said in a briefing published on Thursday.

The briefing, based on interviews with 146 survivors from nine countries, said many people released from compounds in Cambodia, Myanmar and Laos had been detained for immigration offences or prosecuted for frauds they had been forced to commit.

"We are seeing the criminalisation of victims on a scale we have not seen before in this region," said Ms. Claire Hutchison, a research lead at Walk Free. "People who were beaten and sold between compounds are being put on planes home with a criminal record and no support."

The report said that across the region, courts convicted fewer than 300 people for offences linked to scam compounds in 2024, while tens of thousands of workers passed through the compounds during the same period.

It urged member states of the Association of Southeast Asian Nations to adopt common screening procedures, to guarantee that victims are not punished for crimes they were compelled to commit, and to pursue the financial networks that profit from the operations.

Mr. Tomas Berglund, a regional analyst with the United Nations Office on Drugs and Crime (UNODC), said the industry had grown into a business generating billions of dollars a year and had spread beyond the Mekong region.

"The compounds are only the visible part. Behind them are money launderers, payment processors and recruiters working online in a dozen languages," he said. "If only the guards are arrested, nothing changes."

The briefing also looked at the fishing industry, finding that fishers from Cambodia and Myanmar continued to report debt bondage and withheld wages on vessels operating in regional waters.

"Recruitment fees are the thread that connects the fishing boat and the scam compound," said Ko Min Thu of the Migrant Workers Rights Network, which contributed interviews to the report. "A worker who starts in debt is a worker who cannot say no."

A spokesman for Cambodia's Ministry of Interior said the government had shut down many scam sites and that every person found at a raided compound was screened. Thai officials said the kingdom had set up additional screening teams along the Myanmar border.

Walk Free said it would present its findings to ASEAN officials at a regional meeting on trafficking later this year.
""",
    sentencings=[],
    traps=["The report said that across the region, courts convicted fewer than 300 people for offences linked to scam compounds in 2024, while tens of thousands of workers passed through the compounds during the same period."],
),
dict(
    slug="cambodia-names-athletes-for-sea-games-training-camp",
    date="2025-06-10T19:45:00", section="sport", also=[], country="Cambodia",
    author="Kheng Sothy", on_topic=False, tags=["SEA Games", "Athletics"],
    title="Cambodia names 312 athletes for SEA Games training camp",
    standfirst="National Olympic Committee hopes young talent from new youth programmes will add to a medal haul led by combat sports and pétanque",
    body="""
PHNOM PENH — Cambodia has named 312 athletes in 29 sports for a training camp ahead of the Southeast Asian Games in Thailand in December, the National Olympic Committee of Cambodia said on Monday.

The squad includes several medallists from the 2023 Games in Phnom Penh, where the host nation recorded its best performance, as well as a group of teenagers who have come through new youth programmes in pétanque, taekwondo, swimming and athletics.

"Competing away from home will be very different from 2023," the committee's secretary-general told a press conference. "Our goal is to be competitive in the sports where we have invested, and to give our young athletes the experience of a big regional event."

Most of the preparation will take place at the Morodok Techo National Sports Complex on the outskirts of Phnom Penh, with some teams travelling to Thailand, South Korea and China for training camps and friendly competitions.

Sprinter Theng Rachana, 19, who won a bronze medal in the 4x100 metres relay two years ago, said the team had been working with a new sports science unit on nutrition and recovery.

"Before, we only trained hard. Now we measure everything — sleep, food, heart rate," she said. "I want to run under 12 seconds in Thailand."

The under-22 football team will begin its own camp in August after the domestic league season ends, coach Hem Samnang said, adding that he would give young players from provincial clubs a chance to impress.

Officials said the government had approved a budget for equipment, travel and allowances, and that athletes would receive monthly stipends during the camp. Bonuses for medal winners will be announced closer to the Games.

The committee declined to set a medal target, but officials said privately that they hoped to finish among the top six of the 11 competing nations.

Fans will be able to follow the athletes' preparations through a series of open training sessions at the national stadium, the first of which is scheduled for early July.
""",
    sentencings=[], traps=[],
),
dict(
    slug="myanmar-families-say-scam-compounds-demand-ransoms",
    date="2025-07-01T13:00:00", section="region", also=[], country="Myanmar",
    author="Khin Myat Noe", on_topic=True,
    title="Myanmar families say scam compounds demand ransoms to free relatives",
    standfirst="Relatives in Yangon, Mandalay and Bago describe paying thousands of dollars through brokers; aid workers say Myanmar nationals are often left out of repatriation",
    body="""
YANGON — Families across Myanmar say criminal groups running scam compounds along the Thai border are demanding ransoms of up to $8,000 to release relatives who were lured there with promises of jobs, leaving many households deep in debt.

The Mekong Ledger spoke to seven families in Yangon, Mandalay and Bago who said they had paid, or were being asked to pay, money through brokers to secure the release of sons and daughters held in compounds around Myawaddy in Kayin State.

"They sent a video of my son with his face swollen. They said if we want him alive, we pay 15 million kyat," said a mother in Yangon's Hlaing Tharyar township, who asked not to be named for fear of reprisals. "We sold our land to pay. Now we rent."

Another family in Bago said they had paid a first ransom, only to be told that their daughter had been "resold" to a different compound and that a second payment was needed.

Myanmar's military government said earlier this year that it had repatriated thousands of foreign nationals from the border area and was cooperating with Thailand and China on a crackdown. But families and local aid workers said Myanmar nationals were often left out of official repatriation programmes.

Aid workers said the activation of military conscription in 2024 had pushed many young people to look for work abroad, making them easier targets for recruiters who promise well-paid jobs in Thailand.

"Paying a ransom does not guarantee freedom, and it funds the next round of recruitment," said Ms. Aye Chan Moe, a protection officer with the International Organization for Migration (IOM) who works on the Thai side of the border. "But we understand why families pay. They are desperate, and they have nowhere else to turn."

Thailand cut power, fuel and internet supplies to several border areas early this year in an effort to disrupt the compounds, and thousands of foreigners have since been released into Thai custody for screening.

A volunteer with a community group in Mae Sot that helps released Myanmar workers said many arrived with injuries and no documents, and were afraid to return home through official channels.

"They are afraid of the authorities on both sides," the volunteer said. "Some of them have debts to the brokers, some have been told they will be arrested for fraud. So they hide, and they are easy to catch again."

UNODC has warned that the compounds have adapted to pressure by moving operations to remote areas and recruiting from new countries in Africa and South Asia.
""",
    sentencings=[], traps=[],
),
dict(
    slug="preah-sihanouk-court-jails-scam-compound-managers-and-guards",
    date="2025-08-12T17:10:00", section="crime", also=[], country="Cambodia",
    author="Chan Sopheak", on_topic=True,
    title="Preah Sihanouk court jails scam compound managers and guards after 2024 raid",
    standfirst="Two Chinese managers receive 10 years each and three Cambodian guards two years each over a compound where 212 foreign workers were held",
    body="""
PREAH SIHANOUK, Cambodia — The Preah Sihanouk Provincial Court on Tuesday jailed two Chinese managers and three Cambodian guards from a Sihanoukville scam compound where 212 foreign workers were found during a police raid in February last year.

Chen Hao, 39, and Liu Jun, 42, were convicted of human trafficking and illegal confinement and each received 10 years in prison. Three security guards, Sam Bora, 28, Ros Sambath, 32, and Keo Piseth, 25, were each jailed for two years for their role in guarding the compound.

Presiding Judge Yem Sopheap said closed-circuit camera footage, chat logs and the testimony of 19 former workers showed that the managers had set daily targets, confiscated passports and ordered beatings of workers who failed to meet them.

"The accused built a business on the fear of other human beings," the judge said. "They locked the gates, they took the passports and they decided who was punished."

Several former workers from Indonesia and Kenya testified by video link from their home countries. One told the court he had been made to stand in the sun for hours as punishment after trying to contact his family.

Chen told the court he had worked as an "IT manager" and had never hit anyone. Liu declined to testify. Lawyers for both men said they would take the case to the Appeal Court.

The guards, who were paid about $400 a month, told the court they had followed orders and had been afraid of losing their jobs. Their lawyer said they were "the smallest fish in a very large net".

Mr. Chhoeun Sovann, Licadho's deputy director, said the verdict was a step forward but pointed out that the owners of the building had never been named in court. "The guards go to prison, the managers go to prison, and the people who collected the rent are still free," he said.

A Ministry of Interior spokesman said the government had closed dozens of scam sites this year and that investigations into the financing of the Sihanoukville compound were continuing.

Most of the 212 workers found during the raid have been repatriated with help from their embassies and the International Organization for Migration, the ministry said.
""",
    sentencings=[
        S("Chen Hao", 120, court="Preah Sihanouk Provincial Court", place="Preah Sihanouk"),
        S("Liu Jun", 120, court="Preah Sihanouk Provincial Court", place="Preah Sihanouk"),
        S("Sam Bora", 24, court="Preah Sihanouk Provincial Court", place="Preah Sihanouk"),
        S("Ros Sambath", 24, court="Preah Sihanouk Provincial Court", place="Preah Sihanouk"),
        S("Keo Piseth", 24, court="Preah Sihanouk Provincial Court", place="Preah Sihanouk"),
    ],
    traps=[],
),
dict(
    slug="immigration-officers-stop-suspected-trafficking-victims-at-naia-and-clark",
    date="2025-09-09T11:45:00", section="region", also=[], country="Philippines",
    author="Paolo Manalo", on_topic=True,
    title="Immigration officers stop 38 suspected trafficking victims at Manila and Clark airports",
    standfirst="Bureau of Immigration says the passengers were bound for scam hubs via Bangkok, Ho Chi Minh City and Kuala Lumpur; IACAT files complaints against six recruiters",
    body="""
MANILA — Bureau of Immigration officers have stopped 38 Filipinos who were allegedly being sent to work in online scam operations in South-East Asia from leaving the country over the past month, the bureau said on Monday.

Most were intercepted at Ninoy Aquino International Airport, while 11 were stopped at Clark International Airport in Pampanga, where immigration officers said recruiters had begun routing passengers in an attempt to avoid stricter checks in Manila.

"The recruiters think they can find a weaker door," said Atty. Joanna Salcedo, a spokesperson for the bureau. "Our officers at Clark are trained the same way as at NAIA. We compare stories, we check tickets and hotel bookings, and we look at who paid for them."

The passengers, aged 19 to 36, had told officers they were travelling as tourists to Bangkok, Ho Chi Minh City or Kuala Lumpur, but could not name their hotels or the people they were visiting. Several had been coached by recruiters over messaging apps, the bureau said.

They were turned over to the Inter-Agency Council Against Trafficking (IACAT), which said it had filed complaints against six suspected recruiters based on the passengers' statements.

Recruiters convicted of large-scale trafficking face life imprisonment under the Expanded Anti-Trafficking in Persons Act.

"These young people were promised jobs paying 50,000 pesos a month in customer service," said Atty. Cecilia Bernardo, IACAT's executive director. "What was waiting for them was a compound, a quota and a debt they could never repay."

The bureau's tougher departure checks have drawn criticism from travellers who say they were wrongly prevented from boarding flights, and lawmakers have held hearings on complaints about so-called offloading.

Salcedo said officers were instructed to be courteous and to explain their decisions, but defended the checks. "We would rather a traveller miss one flight than a young person disappear into a compound for a year," she said.

The bureau urged anyone offered work abroad to verify the job with the Department of Migrant Workers and to be suspicious of offers that require travel on a tourist visa.
""",
    sentencings=[],
    traps=["Recruiters convicted of large-scale trafficking face life imprisonment under the Expanded Anti-Trafficking in Persons Act."],
),
dict(
    slug="floodwaters-delay-rice-harvest-in-battambang-and-pursat",
    date="2025-10-14T07:30:00", section="business", also=[], country="Cambodia",
    author="Ly Sovannary", on_topic=False, tags=["Weather", "Agriculture"],
    title="Floodwaters delay rice harvest in Battambang and Pursat",
    standfirst="Late-season rain swells the Sangker River and the Tonle Sap, leaving farmers racing to save ripening paddy",
    body="""
BATTAMBANG — Heavy rain over the past two weeks has pushed the Sangker River over its banks in parts of Battambang province and flooded rice fields in neighbouring Pursat, delaying the start of the wet-season harvest, provincial officials said on Monday.

The National Committee for Disaster Management said about 18,000 hectares of rice had been inundated across the two provinces, although most of the crop was expected to recover if the water receded within a week.

"The paddy is almost ready. If the water stays more than ten days, the grain will start to rot," said Chhim Sarun, 58, a farmer in Battambang's Moung Ruessei district, standing knee-deep in his field. "We are cutting what we can by hand and drying it on the road."

The Ministry of Water Resources and Meteorology said the level of the Tonle Sap lake was above its ten-year average for mid-October, and forecast further showers until the end of the month as the monsoon retreats.

Provincial authorities said several hundred families in low-lying villages had moved to higher ground, mainly to pagodas and schools, with their cattle and rice stocks. No deaths had been reported.

Rice millers said the delay could push up paddy prices in the short term. "Traders are waiting. Once the fields dry, everyone will harvest at the same time and the machines will be fully booked," said a miller in Battambang town.

Combine harvester operators, many of whom move from province to province during the season, said they had parked their machines because the fields were too soft to drive on.

The Cambodia Rice Federation said it did not expect the floods to have a major effect on annual export volumes, as the main harvest in the Mekong lowlands of Prey Veng and Takeo was progressing normally.

Agriculture officials urged farmers to dry harvested paddy quickly to prevent moisture damage, and said seed would be made available to those who need to replant dry-season crops once the water recedes.
""",
    sentencings=[], traps=[],
),
]


# ---------------------------------------------------------------------------
# Derived fields
# ---------------------------------------------------------------------------
for _a in ARTICLES:
    _a["dt"] = dt.datetime.fromisoformat(_a["date"]).replace(tzinfo=TZ)
    _a["path"] = f"/news/{_a['dt']:%Y}/{_a['dt']:%m}/{_a['slug']}.html"
    _a["paragraphs"] = [" ".join(p.split()) for p in re.split(r"\n\s*\n", _a["body"].strip())]
    _a.setdefault("tags", [])
    if _a["on_topic"]:
        _a["tags"] = ["Human trafficking", _a["country"]] + (["Courts"] if _a["sentencings"] else [])
ARTICLES.sort(key=lambda a: a["dt"])
BY_PATH = {a["path"]: a for a in ARTICLES}

BANNED_OFF_TOPIC = ["traffick", "smuggl", "forced labour", "forced labor", "exploit",
                    "sentenc", "jail", "prison", "convict", "court"]


def esc(text: str) -> str:
    """Escape a text node (quotes left alone so sentences stay verbatim in the HTML)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def iso(a) -> str:
    return a["dt"].isoformat()


def human_date(d: dt.datetime, style: int) -> str:
    if style == 0:
        return f"{d.day} {d:%B %Y}, {d:%H:%M}"
    if style == 1:
        return f"{d:%b} {d.day}, {d:%Y} {d:%H:%M} ICT"
    return f"{d:%A} {d.day} {d:%B %Y}"


# ---------------------------------------------------------------------------
# Chrome
# ---------------------------------------------------------------------------
NAV = [("Home", "/"), ("Crime", "/news/crime/index.html"), ("Region", "/news/region/index.html"),
       ("Business", "/news/business/index.html"), ("Sport", "/news/sport/index.html"),
       ("About", "/about.html")]


def header(active: str | None) -> str:
    items = []
    for label, href in NAV:
        cls = ' class="active"' if label == active else ""
        cur = ' aria-current="page"' if label == active else ""
        items.append(f'<li{cls}><a href="{href}"{cur}>{label}</a></li>')
    return (
        '<header class="site-header">\n'
        '  <a class="logo" href="/"><img src="/static/logo.svg" alt="The Mekong Ledger" width="240" height="44"></a>\n'
        '  <p class="tagline">Independent news from the Mekong region</p>\n'
        '  <nav class="main-nav" aria-label="Main menu">\n    <ul>\n      '
        + "\n      ".join(items) +
        '\n    </ul>\n  </nav>\n</header>'
    )


COOKIE = (
    '<div class="cookie-notice" id="cookie-notice" role="region" aria-label="Cookie notice">\n'
    '  <p>We use cookies to remember your preferences and to understand how our site is used. '
    'See our <a href="/about.html#privacy">privacy notice</a>.</p>\n'
    '  <button type="button" class="cookie-accept">Accept</button>\n'
    '  <button type="button" class="cookie-reject">Reject non-essential</button>\n'
    '</div>'
)

NEWSLETTER = (
    '<section class="newsletter" id="newsletter">\n'
    '  <h2>The Morning Ledger</h2>\n'
    "  <p>Our editors' pick of the region's news, in your inbox before 7 a.m. every weekday.</p>\n"
    '  <form class="newsletter-form" method="get" action="/about.html">\n'
    '    <label for="nl-email">Email address</label>\n'
    '    <input type="email" id="nl-email" name="email" placeholder="you@example.com" required>\n'
    '    <button type="submit">Sign up</button>\n'
    '  </form>\n'
    '</section>'
)

FOOTER = (
    '<footer class="site-footer">\n'
    '  <nav aria-label="Footer">\n    <ul>\n'
    '      <li><a href="/about.html">About us</a></li>\n'
    '      <li><a href="/about.html#contact">Contact</a></li>\n'
    '      <li><a href="/about.html#privacy">Privacy</a></li>\n'
    '      <li><a href="/feed.xml">RSS feed</a></li>\n'
    '      <li><a href="/sitemap.xml">Sitemap</a></li>\n'
    '    </ul>\n  </nav>\n'
    '  <p class="copyright">&copy; 2024&ndash;2025 The Mekong Ledger. All rights reserved.</p>\n'
    '  <p class="disclaimer">A fictional publication created for software testing.</p>\n'
    '</footer>'
)

SHARE = (
    '<div class="share-buttons" aria-label="Share this story">\n'
    '  <span class="share-label">Share</span>\n'
    '  <button type="button" class="share share-facebook" data-network="facebook">Facebook</button>\n'
    '  <button type="button" class="share share-x" data-network="x">X</button>\n'
    '  <button type="button" class="share share-telegram" data-network="telegram">Telegram</button>\n'
    '  <button type="button" class="share share-copy" data-network="copy">Copy link</button>\n'
    '</div>'
)


def document(*, title: str, description: str, body: str, head_extra: str = "",
             body_class: str = "", active: str | None = None, canonical: str | None = None) -> str:
    canon = f'\n<link rel="canonical" href="{attr(BASE + canonical)}">' if canonical else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{esc(title)}</title>\n'
        f'<meta name="description" content="{attr(description)}">'
        f'{canon}\n'
        '<link rel="stylesheet" href="/static/style.css">\n'
        '<link rel="alternate" type="application/rss+xml" title="The Mekong Ledger" href="/feed.xml">\n'
        f'{head_extra}'
        '</head>\n'
        f'<body class="{body_class}">\n'
        f'{COOKIE}\n{header(active)}\n{body}\n{FOOTER}\n'
        '</body>\n</html>\n'
    )


# ---------------------------------------------------------------------------
# Article pages
# ---------------------------------------------------------------------------
def related_for(a) -> list[dict]:
    pool = [b for b in ARTICLES if b is not a and b["on_topic"] == a["on_topic"]]
    pool.sort(key=lambda b: (b["section"] != a["section"], abs((b["dt"] - a["dt"]).days)))
    return pool[:3]


def jsonld(a) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "description": a["standfirst"],
        "datePublished": iso(a),
        "dateModified": iso(a),
        "author": {"@type": "Person", "name": a["author"]},
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "articleSection": SECTIONS[a["section"]],
        "inLanguage": "en",
    }
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def article_page(a, idx: int) -> str:
    variant = idx % 3
    sec_label = SECTIONS[a["section"]]
    sec_href = f"/news/{a['section']}/index.html"
    when = human_date(a["dt"], variant)
    time_el = f'<time datetime="{iso(a)}">{esc(when)}</time>'
    byline = f'<span class="byline">By {esc(a["author"])}</span>'
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in a["paragraphs"])
    tags = "".join(f"<li>{esc(t)}</li>" for t in a["tags"])
    rel_items = "\n".join(
        f'    <li><a href="{b["path"]}">{esc(b["title"])}</a></li>' for b in related_for(a))
    related = (f'<aside class="related" aria-labelledby="related-h">\n'
               f'  <h2 id="related-h">Related stories</h2>\n  <ul>\n{rel_items}\n  </ul>\n</aside>')

    head_extra = (
        f'<meta name="author" content="{attr(a["author"])}">\n'
        f'<meta property="og:type" content="article">\n'
        f'<meta property="og:site_name" content="{SITE_NAME}">\n'
        f'<meta property="og:title" content="{attr(a["title"])}">\n'
        f'<meta property="og:description" content="{attr(a["standfirst"])}">\n'
        f'<meta property="og:url" content="{attr(BASE + a["path"])}">\n'
        f'<meta property="article:published_time" content="{iso(a)}">\n'
        f'<meta property="article:section" content="{sec_label}">\n'
    )
    if idx % 2 == 0:
        head_extra += jsonld(a)

    if variant == 0:
        body = f"""<main id="content" class="layout-article">
<nav class="breadcrumbs" aria-label="Breadcrumb">
  <ol>
    <li><a href="/">Home</a></li>
    <li><a href="{sec_href}">{sec_label}</a></li>
    <li aria-current="page">{esc(a["title"])}</li>
  </ol>
</nav>
<article class="story">
  <h1 class="headline">{esc(a["title"])}</h1>
  <p class="standfirst">{esc(a["standfirst"])}</p>
  <div class="story-meta">{byline} <span class="sep">|</span> {time_el}</div>
  {SHARE}
  <div class="story-body">
{paras}
  </div>
  <ul class="tags">{tags}</ul>
</article>
{related}
{NEWSLETTER}
</main>"""
    elif variant == 1:
        body = f"""<div class="crumbs"><a href="/">Home</a> &rsaquo; <a href="{sec_href}">{sec_label}</a></div>
<main id="main">
<article class="article" id="article-{a['slug']}">
  <header class="article-header">
    <p class="kicker"><a href="{sec_href}">{sec_label}</a></p>
    <h1>{esc(a["title"])}</h1>
    <p class="dek">{esc(a["standfirst"])}</p>
    <p class="article-meta">Published {time_el} &middot; {byline}</p>
  </header>
  <div class="article-body">
{paras}
  </div>
  <footer class="article-footer">
    <p class="topics">Topics:</p>
    <ul class="tags">{tags}</ul>
    {SHARE}
  </footer>
</article>
<div class="sidebar">
{related}
{NEWSLETTER}
</div>
</main>"""
    else:
        body = f"""<main class="container">
  <div class="row">
    <nav class="breadcrumb" aria-label="You are here">
      <a href="/">Home</a> / <a href="{sec_href}">{sec_label}</a> / <span>{esc(a["title"])}</span>
    </nav>
    <article class="post">
      <h1 class="entry-title">{esc(a["title"])}</h1>
      <div class="entry-summary"><p>{esc(a["standfirst"])}</p></div>
      <div class="entry-meta">
        {byline}
        <span class="posted-on">{time_el}</span>
      </div>
      {SHARE}
      <div class="entry-content">
{paras}
      </div>
      <div class="entry-tags"><ul class="tags">{tags}</ul></div>
    </article>
  </div>
  {NEWSLETTER}
  {related}
</main>"""
    return document(title=f'{a["title"]} | {SITE_NAME}', description=a["standfirst"], body=body,
                    head_extra=head_extra, body_class=f"article-page variant-{variant}",
                    active=sec_label, canonical=a["path"])


# ---------------------------------------------------------------------------
# Listing pages
# ---------------------------------------------------------------------------
def teaser(a) -> str:
    d = a["dt"]
    return (f'  <li class="teaser">\n'
            f'    <h2><a href="{a["path"]}">{esc(a["title"])}</a></h2>\n'
            f'    <p class="teaser-meta"><time datetime="{iso(a)}">{d.day} {d:%b %Y}</time> &middot; {esc(a["author"])}</p>\n'
            f'    <p class="teaser-standfirst">{esc(a["standfirst"])}</p>\n'
            f'  </li>')


def section_members(key: str) -> list[dict]:
    items = [a for a in ARTICLES if a["section"] == key or key in a["also"]]
    return sorted(items, key=lambda a: a["dt"], reverse=True)


def section_pages(key: str) -> dict[str, str]:
    label = SECTIONS[key]
    items = section_members(key)
    pages = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
    out = {}
    for n, chunk in enumerate(pages, start=1):
        path = f"/news/{key}/index.html" if n == 1 else f"/news/{key}/page/{n}.html"
        prev_path = None if n == 1 else (f"/news/{key}/index.html" if n == 2 else f"/news/{key}/page/{n-1}.html")
        next_path = f"/news/{key}/page/{n+1}.html" if n < len(pages) else None
        links = []
        if prev_path:
            links.append(f'<a class="prev" rel="prev" href="{prev_path}">&larr; Newer stories</a>')
        if next_path:
            links.append(f'<a class="next" rel="next" href="{next_path}">Older stories &rarr;</a>')
        pager = f'<nav class="pagination" aria-label="Pages">{" ".join(links)}</nav>' if links else ""
        head_extra = ""
        if prev_path:
            head_extra += f'<link rel="prev" href="{prev_path}">\n'
        if next_path:
            head_extra += f'<link rel="next" href="{next_path}">\n'
        heading = label if n == 1 else f"{label} &ndash; page {n}"
        body = (f'<main id="content" class="section-page">\n'
                f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>'
                f'<li aria-current="page">{label}</li></ol></nav>\n'
                f'<h1 class="section-title">{heading}</h1>\n'
                f'<ul class="story-list">\n' + "\n".join(teaser(a) for a in chunk) + '\n</ul>\n'
                f'{pager}\n{NEWSLETTER}\n</main>')
        title = f"{label} | {SITE_NAME}" if n == 1 else f"{label} (page {n}) | {SITE_NAME}"
        out[path] = document(title=title, description=f"Latest {label.lower()} news from The Mekong Ledger.",
                             body=body, head_extra=head_extra, body_class="section", active=label,
                             canonical=path)
    return out


def home_page() -> str:
    latest = sorted(ARTICLES, key=lambda a: a["dt"], reverse=True)[:10]
    top = latest[0]
    sections = "\n".join(
        f'    <li><a href="/news/{k}/index.html">{v}</a></li>' for k, v in SECTIONS.items())
    body = (f'<main id="content" class="home">\n'
            f'<section class="lead-story">\n'
            f'  <p class="kicker">Top story</p>\n'
            f'  <h1><a href="{top["path"]}">{esc(top["title"])}</a></h1>\n'
            f'  <p>{esc(top["standfirst"])}</p>\n'
            f'</section>\n'
            f'<section class="latest">\n<h2>Latest news</h2>\n<ul class="story-list">\n'
            + "\n".join(teaser(a) for a in latest[1:]) +
            f'\n</ul>\n</section>\n'
            f'<aside class="sections-box">\n  <h2>Sections</h2>\n  <ul>\n{sections}\n  </ul>\n</aside>\n'
            f'{NEWSLETTER}\n</main>')
    return document(title=f"{SITE_NAME} — News from the Mekong region",
                    description="Independent English-language news from Cambodia, Thailand, Vietnam, Laos, Myanmar and the wider region.",
                    body=body, body_class="home", active="Home", canonical="/")


def about_page() -> str:
    body = """<main id="content" class="static-page">
<h1>About The Mekong Ledger</h1>
<p>The Mekong Ledger is an English-language news site covering Cambodia, Thailand, Vietnam, Laos, Myanmar and the wider South-East Asian region, with a newsroom in Phnom Penh and correspondents in Bangkok, Hanoi, Manila, Kuala Lumpur and Kupang.</p>
<p>We report on courts and crime, migration, business, the environment and sport.</p>
<h2 id="contact">Contact</h2>
<p>Newsroom: newsroom@mekongledger.example. Corrections: corrections@mekongledger.example.</p>
<h2 id="privacy">Privacy</h2>
<p>We use essential cookies to run this site and, with your consent, analytics cookies to understand which stories are read. We do not sell personal data.</p>
<h2 id="demo">About this site</h2>
<p>This is a demonstration site bundled with a news-monitoring project. The outlet, its staff, and every case, person and quotation in its articles are fictional. Public institutions and places are real and are mentioned only to make the text realistic.</p>
</main>"""
    return document(title=f"About us | {SITE_NAME}", description="About The Mekong Ledger.", body=body,
                    body_class="static", active="About", canonical="/about.html")


# ---------------------------------------------------------------------------
# Feed, sitemap, robots, static assets
# ---------------------------------------------------------------------------
def feed_xml() -> str:
    latest = sorted(ARTICLES, key=lambda a: a["dt"], reverse=True)[:12]
    items = []
    for a in latest:
        items.append(
            "    <item>\n"
            f"      <title>{xml_escape(a['title'])}</title>\n"
            f"      <link>{BASE}{a['path']}</link>\n"
            f'      <guid isPermaLink="true">{BASE}{a["path"]}</guid>\n'
            f"      <pubDate>{email.utils.format_datetime(a['dt'])}</pubDate>\n"
            f"      <dc:creator>{xml_escape(a['author'])}</dc:creator>\n"
            f"      <category>{SECTIONS[a['section']]}</category>\n"
            f"      <description>{xml_escape(a['standfirst'])}</description>\n"
            "    </item>")
    build = email.utils.format_datetime(latest[0]["dt"])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        '  <channel>\n'
        f'    <title>{SITE_NAME}</title>\n'
        f'    <link>{BASE}/</link>\n'
        '    <description>Independent news from the Mekong region</description>\n'
        '    <language>en</language>\n'
        f'    <lastBuildDate>{build}</lastBuildDate>\n'
        f'    <atom:link href="{BASE}/feed.xml" rel="self" type="application/rss+xml"/>\n'
        + "\n".join(items) +
        '\n  </channel>\n</rss>\n')


def sitemap_xml() -> str:
    urls = "\n".join(
        f"  <url>\n    <loc>{BASE}{a['path']}</loc>\n    <lastmod>{iso(a)}</lastmod>\n  </url>"
        for a in sorted(ARTICLES, key=lambda a: a["dt"], reverse=True))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + '\n</urlset>\n')


ROBOTS = f"User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\n"

LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="240" height="44" viewBox="0 0 240 44">
  <rect width="240" height="44" fill="#0b3d5c"/>
  <path d="M8 30 C 20 14, 30 38, 42 22" stroke="#f2b134" stroke-width="4" fill="none"/>
  <text x="52" y="29" font-family="Georgia, serif" font-size="18" fill="#ffffff">The Mekong Ledger</text>
</svg>
"""

STYLE_CSS = """/* The Mekong Ledger demo stylesheet */
body { font-family: Georgia, "Times New Roman", serif; margin: 0; color: #1c1c1c; background: #fafaf7; }
.site-header { background: #0b3d5c; color: #fff; padding: 0.5rem 1rem; }
.site-header a { color: #fff; text-decoration: none; }
.tagline { margin: 0.2rem 0; font-size: 0.85rem; color: #cfe3ef; }
.main-nav ul { list-style: none; display: flex; gap: 1rem; padding: 0; margin: 0.5rem 0 0; }
.main-nav li.active a { border-bottom: 2px solid #f2b134; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
.breadcrumbs ol { list-style: none; display: flex; gap: 0.5rem; padding: 0; font-size: 0.85rem; }
.breadcrumbs li + li::before { content: "\\203A"; margin-right: 0.5rem; }
.crumbs, .breadcrumb { max-width: 46rem; margin: 0.5rem auto; font-size: 0.85rem; }
.standfirst, .dek, .entry-summary { font-size: 1.15rem; color: #444; }
.byline { font-weight: bold; }
.story-meta, .article-meta, .entry-meta { font-size: 0.9rem; color: #555; }
.share-buttons { margin: 1rem 0; display: flex; gap: 0.5rem; align-items: center; }
.tags { list-style: none; display: flex; gap: 0.5rem; padding: 0; font-size: 0.8rem; }
.tags li { background: #e6eef3; padding: 0.1rem 0.5rem; border-radius: 3px; }
.related, .sections-box { border-top: 3px solid #0b3d5c; margin-top: 2rem; }
.newsletter { background: #f0ead8; padding: 1rem; margin-top: 2rem; }
.cookie-notice { background: #222; color: #eee; padding: 0.5rem 1rem; font-size: 0.85rem; }
.cookie-notice a { color: #f2b134; }
.story-list { list-style: none; padding: 0; }
.teaser { border-bottom: 1px solid #ddd; padding: 0.75rem 0; }
.teaser h2 { font-size: 1.2rem; margin: 0; }
.pagination { margin: 1.5rem 0; display: flex; justify-content: space-between; }
.site-footer { background: #e9e9e4; padding: 1rem; font-size: 0.85rem; margin-top: 3rem; }
.site-footer ul { list-style: none; display: flex; gap: 1rem; padding: 0; }
"""


# ---------------------------------------------------------------------------
# Self-checks and answer key
# ---------------------------------------------------------------------------
def check_content() -> None:
    problems = []
    for a in ARTICLES:
        text = " ".join(a["paragraphs"])
        words = len(text.split())
        if not 300 <= words <= 900:
            problems.append(f"{a['path']}: {words} words")
        if not 5 <= len(a["paragraphs"]) <= 12:
            problems.append(f"{a['path']}: {len(a['paragraphs'])} paragraphs")
        for s in a["sentencings"]:
            for field in ("defendant", "court", "fine"):
                if s[field] and s[field] not in text:
                    problems.append(f"{a['path']}: {field} {s[field]!r} not in text")
        for t in a["traps"]:
            if t not in a["paragraphs"] and not any(t in p for p in a["paragraphs"]):
                problems.append(f"{a['path']}: trap not verbatim: {t[:50]}")
        if a["sentencings"] and not a["on_topic"]:
            problems.append(f"{a['path']}: off-topic article with sentencings")
    if problems:
        raise SystemExit("content problems:\n  " + "\n  ".join(problems))


def check_off_topic_pages(rendered: dict[str, str]) -> None:
    for a in ARTICLES:
        if a["on_topic"]:
            continue
        page = rendered[a["path"]].lower()
        hits = [w for w in BANNED_OFF_TOPIC if w in page]
        body = " ".join(a["paragraphs"]).lower() + " " + a["title"].lower() + " " + a["standfirst"].lower()
        hits += [w for w in ("crime", "criminal", "police", "arrest", "victim") if w in body]
        if hits:
            raise SystemExit(f"{a['path']}: off-topic page mentions {hits}")


def answer_key() -> dict:
    return {
        "articles": [
            {"path": a["path"], "title": a["title"], "published": a["dt"].date().isoformat(),
             "author": a["author"], "on_topic": a["on_topic"]}
            for a in ARTICLES],
        "sentencings": [
            {"path": a["path"], **s} for a in ARTICLES for s in a["sentencings"]],
        "not_sentences": [
            {"path": a["path"], "text": t} for a in ARTICLES for t in a["traps"]],
    }


# ---------------------------------------------------------------------------
def main() -> None:
    check_content()
    rendered: dict[str, str] = {}
    for idx, a in enumerate(ARTICLES):
        rendered[a["path"]] = article_page(a, idx)
    check_off_topic_pages(rendered)
    for key in SECTIONS:
        rendered.update(section_pages(key))
    rendered["/index.html"] = home_page()
    rendered["/about.html"] = about_page()
    rendered["/feed.xml"] = feed_xml()
    rendered["/sitemap.xml"] = sitemap_xml()
    rendered["/robots.txt"] = ROBOTS
    rendered["/static/style.css"] = STYLE_CSS
    rendered["/static/logo.svg"] = LOGO_SVG

    if SITE.exists():
        shutil.rmtree(SITE)
    for path, content in rendered.items():
        target = SITE / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    EXPECTED.write_text(json.dumps(answer_key(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    on = sum(a["on_topic"] for a in ARTICLES)
    print(f"wrote {len(rendered)} files to {SITE}")
    print(f"articles: {len(ARTICLES)} ({on} on-topic, {len(ARTICLES) - on} off-topic); "
          f"sentencings: {sum(len(a['sentencings']) for a in ARTICLES)} in "
          f"{sum(bool(a['sentencings']) for a in ARTICLES)} articles; "
          f"not_sentences: {sum(len(a['traps']) for a in ARTICLES)}")


if __name__ == "__main__":
    main()
