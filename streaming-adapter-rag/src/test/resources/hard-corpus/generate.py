# Generates src/test/resources/hard-corpus: near-duplicate clusters that differ only in their facts.
import os, json
OUT = '/work/wt-rag/streaming-adapter-rag/src/test/resources/hard-corpus'
os.makedirs(OUT, exist_ok=True)
clusters = []
def cluster(lang, slug, title, sections, docs, questions):
    clusters.append((lang, slug, title, sections, docs, questions))

# ---------------- English clusters ----------------
cluster('en', 'gym', '{name} membership terms', [
  ('Opening hours', 'The {name} opens at {open} on weekdays and closes at {close}; at weekends the doors open two hours later.'),
  ('Membership fee', 'Membership of the {name} costs {fee} pounds a month, plus a one-off joining fee of {join} pounds.'),
  ('Cancellation', 'To cancel a {name} membership, members must give {notice} weeks of written notice.'),
], [dict(name='Ironworks Gym', open='6 am', close='10 pm', fee='29', join='15', notice='four'),
    dict(name='Pulse Fitness', open='5 am', close='11 pm', fee='35', join='0', notice='two'),
    dict(name='Summit Athletic Club', open='7 am', close='9 pm', fee='49', join='25', notice='eight')],
 [('rephrased', 1, 0, 'How early on a Tuesday can I start training at Pulse Fitness?'),
  ('rephrased', 2, 2, 'How much warning does Summit Athletic Club need before I quit?'),
  ('distractor', 0, 1, 'Is the monthly price at Ironworks Gym 35 pounds with no joining fee?'),
  ('distractor', 2, 0, 'Does Summit Athletic Club also open at 5 am and close at 11 pm?'),
  ('other', 1, 1, 'Wie viel zahlt man im Monat bei Pulse Fitness?', 'What is the monthly cost at Pulse Fitness?')])

cluster('en', 'fibre', 'FibreNet {name} broadband plan', [
  ('Speed', 'The FibreNet {name} plan delivers download speeds of up to {down} Mbit/s and uploads of {up} Mbit/s.'),
  ('Price', 'FibreNet {name} costs {price} pounds per month; the router is {router}.'),
  ('Contract', 'The FibreNet {name} contract runs for {months} months and then continues monthly.'),
], [dict(name='Basic', down='100', up='20', price='22', router='rented for 3 pounds a month', months='12'),
    dict(name='Plus', down='500', up='100', price='32', router='included at no charge', months='18'),
    dict(name='Max', down='1000', up='500', price='45', router='included and can be kept', months='24')],
 [('rephrased', 0, 0, 'How fast can I download files with FibreNet Basic?'),
  ('rephrased', 2, 2, 'For how long am I tied to the FibreNet Max agreement?'),
  ('distractor', 1, 1, 'Do I pay 3 pounds monthly for the router on FibreNet Plus?'),
  ('distractor', 0, 2, 'Is FibreNet Basic a 24-month contract?'),
  ('other', 2, 1, 'Was kostet FibreNet Max monatlich und ist der Router dabei?', 'What does FibreNet Max cost per month and is the router included?')])

cluster('en', 'hotel', '{name} guest information', [
  ('Arrival', 'Rooms at the {name} are ready from {checkin}; guests must leave their rooms by {checkout}.'),
  ('Pets', 'At the {name}, {pets}'),
  ('Breakfast', 'Breakfast at the {name} is served from {bfrom} to {bto} and costs {bprice} pounds per person.'),
], [dict(name='Harbour View Hotel', checkin='2 pm', checkout='11 am', pets='dogs are welcome for a fee of 15 pounds per night.', bfrom='7', bto='10', bprice='12'),
    dict(name='Old Mill Inn', checkin='3 pm', checkout='10 am', pets='animals are not allowed, except assistance dogs.', bfrom='8', bto='10:30', bprice='9'),
    dict(name='Grand Central Hotel', checkin='4 pm', checkout='12 noon', pets='cats and small dogs may stay free of charge.', bfrom='6:30', bto='11', bprice='18')],
 [('rephrased', 0, 1, 'Can I bring my dog to the Harbour View Hotel and what does it cost?'),
  ('rephrased', 1, 2, 'Until what time can I get my morning meal at the Old Mill Inn?'),
  ('distractor', 2, 0, 'Can I get into my room at the Grand Central Hotel at 2 pm?'),
  ('distractor', 1, 1, 'Are pets welcome for 15 pounds a night at the Old Mill Inn?'),
  ('other', 2, 1, 'Darf ich meine Katze ins Grand Central Hotel mitnehmen?', 'May I bring my cat to the Grand Central Hotel?')])

cluster('en', 'library', '{name} lending rules', [
  ('Loans', 'Books borrowed from {name} may be kept for {weeks} weeks and renewed {renew} times online.'),
  ('Late returns', '{name} charges {fine} pence per item for every day an item is overdue.'),
  ('Printing', 'Printing at {name} costs {print} pence per black-and-white page; colour pages cost {colour} pence.'),
], [dict(name='Northgate Library', weeks='three', renew='two', fine='20', print='10', colour='50'),
    dict(name='Riverside Library', weeks='four', renew='five', fine='10', print='15', colour='60'),
    dict(name='Elm Park Library', weeks='two', renew='three', fine='25', print='5', colour='40')],
 [('rephrased', 1, 1, 'What penalty do I pay at Riverside Library if I bring a book back too late?'),
  ('rephrased', 2, 0, 'For how many weeks can I hold on to a novel from Elm Park Library?'),
  ('distractor', 0, 2, 'Does a colour page cost 60 pence at Northgate Library?'),
  ('distractor', 2, 1, 'Is the overdue fine at Elm Park Library 10 pence a day?'),
  ('other', 0, 0, 'Wie lange darf ich Bücher der Northgate Library behalten?', 'How long may I keep books from Northgate Library?')])

cluster('en', 'carhire', '{name} rental conditions', [
  ('Driver age', 'Drivers renting from {name} must be at least {age} years old and have held a licence for {years} years.'),
  ('Deposit', '{name} blocks a deposit of {deposit} pounds on a credit card when the car is collected.'),
  ('Mileage', 'Rentals from {name} include {miles} miles per day; each extra mile costs {extra} pence.'),
], [dict(name='SpeedyCars', age='21', years='one', deposit='250', miles='150', extra='20'),
    dict(name='MetroRent', age='23', years='two', deposit='500', miles='unlimited', extra='no'),
    dict(name='ValleyDrive', age='25', years='three', deposit='1000', miles='100', extra='35')],
 [('rephrased', 0, 0, 'Can a 22-year-old hire a car from SpeedyCars?'),
  ('rephrased', 2, 1, 'How much money does ValleyDrive hold on my card as security?'),
  ('distractor', 1, 2, 'Does MetroRent charge 35 pence for each mile over 100 a day?'),
  ('distractor', 0, 1, 'Is the SpeedyCars deposit 1000 pounds?'),
  ('other', 1, 0, 'Wie alt muss man sein, um bei MetroRent ein Auto zu mieten?', 'How old do you have to be to rent a car from MetroRent?')])

cluster('en', 'airline', '{name} baggage policy', [
  ('Cabin bag', 'On {name} flights each passenger may carry one cabin bag of up to {cabin} kg.'),
  ('Checked luggage', 'A checked suitcase of up to 23 kg costs {checked} pounds per flight with {name}.'),
  ('Animals', '{name} {pets}'),
], [dict(name='Skylark Air', cabin='7', checked='25', pets='carries small pets in the cabin in a soft carrier up to 8 kg.'),
    dict(name='Bluebird Airways', cabin='10', checked='40', pets='does not carry animals, apart from trained guide dogs.'),
    dict(name='Coastal Jet', cabin='12', checked='0 (one suitcase is included)', pets='carries pets only in the hold, for 60 pounds.')],
 [('rephrased', 1, 0, 'How heavy may my carry-on be on Bluebird Airways?'),
  ('rephrased', 2, 2, 'Can my dog fly with me on Coastal Jet?'),
  ('distractor', 0, 1, 'Is a checked suitcase free on Skylark Air because one is included?'),
  ('distractor', 2, 0, 'Is the Coastal Jet hand luggage limit 7 kg?'),
  ('other', 0, 2, 'Darf meine Katze bei Skylark Air in der Kabine mitfliegen?', 'May my cat travel in the cabin with Skylark Air?')])

cluster('en', 'phone', 'Nova {name} product sheet', [
  ('Battery', 'The Nova {name} has a {mah} mAh battery that lasts about {hours} hours of video playback.'),
  ('Warranty', 'Nova {name} phones come with a {warranty}-year warranty that covers manufacturing defects but not screen breakage.'),
  ('Water', 'The Nova {name} is rated {ip} and {water}'),
], [dict(name='X1', mah='3500', hours='14', warranty='one', ip='IP54', water='survives splashes but not submersion.'),
    dict(name='X2', mah='4500', hours='20', warranty='two', ip='IP67', water='survives 30 minutes at one metre depth.'),
    dict(name='X3', mah='5000', hours='26', warranty='three', ip='IP68', water='survives 30 minutes at six metres depth.')],
 [('rephrased', 2, 0, 'How long can I watch films on a Nova X3 before it runs flat?'),
  ('rephrased', 0, 2, 'Will my Nova X1 be fine if I drop it in the bath?'),
  ('distractor', 1, 1, 'Is the Nova X2 covered for three years?'),
  ('distractor', 0, 0, 'Does the Nova X1 have a 5000 mAh battery?'),
  ('other', 1, 2, 'Ist das Nova X2 wasserdicht?', 'Is the Nova X2 waterproof?')])

cluster('en', 'parking', '{name} car park', [
  ('Charges', 'Parking at the {name} car park costs {rate} per hour, with a daily maximum of {daily} pounds.'),
  ('Maximum stay', 'Vehicles may stay at the {name} car park for at most {stay}.'),
  ('Electric vehicles', 'The {name} car park has {ev} charging points, {evinfo}'),
], [dict(name='Station Road', rate='1.50 pounds', daily='12', stay='24 hours', ev='eight', evinfo='charged at 45 pence per kWh.'),
    dict(name='Market Square', rate='2 pounds', daily='15', stay='four hours', ev='two', evinfo='free to use for the first hour.'),
    dict(name='Hospital', rate='1 pound', daily='6', stay='seven days for patients and visitors', ev='no', evinfo='the nearest are at Station Road.')],
 [('rephrased', 1, 1, 'How long am I allowed to leave my car at Market Square?'),
  ('rephrased', 0, 2, 'Can I recharge my electric car at Station Road and at what price?'),
  ('distractor', 2, 0, 'Does the Hospital car park cost 2 pounds an hour with a 15 pound cap?'),
  ('distractor', 1, 2, 'Does Market Square have eight chargers at 45 pence per kWh?'),
  ('other', 2, 1, 'Wie lange darf man im Parkhaus am Hospital stehen?', 'How long may one park at the Hospital car park?')])

cluster('en', 'dentist', '{name} dental practice', [
  ('Appointments', '{name} offers appointments {days}; emergencies are seen {emergency}.'),
  ('Check-up fees', 'A routine check-up at {name} costs {checkup} pounds, and a scale and polish {hygiene} pounds.'),
  ('Children', 'At {name}, children under {age} are treated {children}.'),
], [dict(name='Brightsmile Dental', days='Monday to Friday from 8 am to 6 pm', emergency='the same day', checkup='45', hygiene='60', age='16', children='free of charge'),
    dict(name='Oakwood Dental', days='Monday to Saturday from 9 am to 5 pm', emergency='within 48 hours', checkup='55', hygiene='75', age='12', children='at half price'),
    dict(name='City Smiles', days='every day from 7 am to 9 pm', emergency='around the clock', checkup='65', hygiene='80', age='18', children='free of charge with a parent present')],
 [('rephrased', 1, 1, 'What will a regular dental examination at Oakwood Dental set me back?'),
  ('rephrased', 2, 0, 'Can I see a dentist on Sunday evening at City Smiles?'),
  ('distractor', 0, 2, 'Does Brightsmile Dental treat children under 12 at half price?'),
  ('distractor', 2, 1, 'Is a check-up at City Smiles 45 pounds?'),
  ('other', 0, 0, 'Wann bekomme ich bei Brightsmile Dental einen Notfalltermin?', 'When can I get an emergency appointment at Brightsmile Dental?')])

cluster('en', 'course', '{name} evening course', [
  ('Schedule', 'The {name} course meets on {day} evenings for {weeks} weeks, starting in {month}.'),
  ('Fees', 'The {name} course costs {fee} pounds; students and pensioners pay {reduced} pounds.'),
  ('Certificate', 'Participants of the {name} course who attend at least {attend} per cent of the sessions {cert}'),
], [dict(name='Beginners Photography', day='Monday', weeks='ten', month='September', fee='180', reduced='120', attend='80', cert='receive a certificate of attendance.'),
    dict(name='Creative Writing', day='Wednesday', weeks='twelve', month='October', fee='210', reduced='150', attend='75', cert='may submit a story to the course anthology.'),
    dict(name='Conversational Italian', day='Thursday', weeks='fifteen', month='January', fee='240', reduced='160', attend='70', cert='can sit the A1 exam for an extra 40 pounds.')],
 [('rephrased', 0, 0, 'On which night of the week is the Beginners Photography class held?'),
  ('rephrased', 2, 1, 'Is there a discount for retired people on the Conversational Italian course?'),
  ('distractor', 1, 0, 'Does Creative Writing run for ten weeks from September?'),
  ('distractor', 0, 2, 'Can I take the A1 exam after the Beginners Photography course?'),
  ('other', 1, 1, 'Was kostet der Kurs Creative Writing?', 'How much is the Creative Writing course?')])

# ---------------- German clusters ----------------
cluster('de', 'stadtwerke', 'Stadtwerke {name}: Wärmepumpentarif', [
  ('Arbeitspreis', 'Der Wärmepumpentarif der Stadtwerke {name} kostet {ct} Cent je Kilowattstunde.'),
  ('Grundpreis', 'Für den Zweitzähler berechnen die Stadtwerke {name} einen Grundpreis von {grund} Euro im Monat.'),
  ('Kündigung', 'Der Wärmepumpentarif der Stadtwerke {name} ist mit einer Frist von {frist} kündbar.'),
], [dict(name='Nordheim', ct='24', grund='9', frist='einem Monat'),
    dict(name='Südheim', ct='27', grund='6', frist='drei Monaten zum Jahresende'),
    dict(name='Westheim', ct='22', grund='12', frist='zwei Wochen')],
 [('rephrased', 0, 0, 'Wie teuer ist bei den Stadtwerken Nordheim der Strom für die Wärmepumpe?'),
  ('rephrased', 2, 2, 'Wie schnell komme ich bei den Stadtwerken Westheim aus dem Vertrag für die Wärmepumpe raus?'),
  ('distractor', 1, 1, 'Zahle ich bei den Stadtwerken Südheim auch 12 Euro Grundgebühr für den zweiten Zähler?'),
  ('other', 1, 0, 'What do the Stadtwerke Südheim charge per kWh for heat pump electricity?', 'Was verlangen die Stadtwerke Südheim pro kWh für Wärmepumpenstrom?'),
  ('other', 0, 2, 'How much notice do I have to give to leave the Stadtwerke Nordheim heat pump tariff?', 'Mit welcher Frist kann ich den Wärmepumpentarif der Stadtwerke Nordheim kündigen?')])

cluster('de', 'wohnung', 'Mietwohnung {name}', [
  ('Miete', 'Die Wohnung in der {name} kostet {kalt} Euro kalt; die Nebenkosten betragen {nk} Euro im Monat.'),
  ('Kaution', 'Für die Wohnung in der {name} ist eine Kaution von {kaution} zu zahlen.'),
  ('Haustiere', 'In der Wohnung in der {name} {tiere}'),
], [dict(name='Lindenstraße', kalt='780', nk='190', kaution='drei Monatsmieten', tiere='sind Katzen erlaubt, Hunde nur nach Absprache.'),
    dict(name='Bahnhofstraße', kalt='650', nk='160', kaution='zwei Monatsmieten', tiere='ist Tierhaltung nicht gestattet.'),
    dict(name='Gartenweg', kalt='920', nk='230', kaution='2000 Euro', tiere='sind Haustiere aller Art willkommen.')],
 [('rephrased', 2, 0, 'Was zahle ich im Gartenweg monatlich ohne Heizung und Wasser?'),
  ('rephrased', 1, 2, 'Darf ich in der Bahnhofstraße einen Hund halten?'),
  ('distractor', 0, 1, 'Ist die Kaution in der Lindenstraße 2000 Euro?'),
  ('other', 2, 2, 'Can I keep a rabbit in the flat on Gartenweg?', 'Darf ich in der Wohnung im Gartenweg ein Kaninchen halten?'),
  ('other', 1, 1, 'How large is the security deposit for the Bahnhofstraße flat?', 'Wie hoch ist die Kaution für die Wohnung in der Bahnhofstraße?')])

cluster('de', 'bad', '{name}: Besucherinformation', [
  ('Öffnungszeiten', 'Das {name} ist {zeiten} geöffnet.'),
  ('Eintritt', 'Der Eintritt ins {name} kostet {preis} Euro für Erwachsene und {kind} Euro für Kinder.'),
  ('Sauna', 'Im {name} {sauna}'),
], [dict(name='Hallenbad Am Park', zeiten='täglich von 7 bis 21 Uhr', preis='5', kind='3', sauna='gibt es eine Finnische Sauna, Aufpreis 6 Euro.'),
    dict(name='Freibad Seeblick', zeiten='von Mai bis September von 9 bis 20 Uhr', preis='4', kind='2', sauna='gibt es keine Sauna.'),
    dict(name='Sportbad Mitte', zeiten='werktags von 6 bis 22 Uhr, am Wochenende von 8 bis 18 Uhr', preis='6', kind='3,50', sauna='ist die Dampfsauna im Eintritt enthalten.')],
 [('rephrased', 1, 0, 'Kann ich im Oktober im Freibad Seeblick schwimmen gehen?'),
  ('rephrased', 2, 2, 'Muss ich im Sportbad Mitte für das Schwitzbad extra zahlen?'),
  ('distractor', 0, 1, 'Kostet das Hallenbad Am Park für Kinder 2 Euro?'),
  ('other', 0, 0, 'What time does the Hallenbad Am Park close in the evening?', 'Wann schließt das Hallenbad Am Park am Abend?'),
  ('other', 2, 1, 'How much is an adult ticket for the Sportbad Mitte?', 'Was kostet eine Eintrittskarte für Erwachsene im Sportbad Mitte?')])

cluster('de', 'bank', 'Girokonto {name}', [
  ('Kontoführung', 'Das Girokonto der {name} kostet {gebuehr} im Monat.'),
  ('Dispozins', 'Für den Dispokredit berechnet die {name} {dispo} Prozent Zinsen im Jahr.'),
  ('Karte', 'Die Girocard der {name} {karte}'),
], [dict(name='Sparkasse Talstadt', gebuehr='6,90 Euro', dispo='11,5', karte='kostet 12 Euro im Jahr.'),
    dict(name='Volksbank Bergland', gebuehr='4,50 Euro', dispo='9,8', karte='ist im Kontopreis enthalten.'),
    dict(name='Direktbank Nord', gebuehr='nichts bei einem Geldeingang ab 700 Euro', dispo='7,9', karte='kostet 1 Euro im Monat.')],
 [('rephrased', 1, 1, 'Wie viel Zinsen zahle ich bei der Volksbank Bergland, wenn mein Konto im Minus ist?'),
  ('rephrased', 2, 0, 'Ist das Konto bei der Direktbank Nord umsonst?'),
  ('distractor', 0, 2, 'Ist die Girocard bei der Sparkasse Talstadt im Kontopreis enthalten?'),
  ('other', 2, 2, 'Does the debit card of Direktbank Nord cost anything?', 'Kostet die Girocard der Direktbank Nord etwas?'),
  ('other', 0, 1, 'What overdraft interest rate does Sparkasse Talstadt charge?', 'Welchen Dispozins verlangt die Sparkasse Talstadt?')])

cluster('de', 'radverleih', 'Radverleih {name}', [
  ('Leihgebühr', 'Ein Fahrrad vom Radverleih {name} kostet {tag} Euro am Tag und {woche} Euro in der Woche.'),
  ('Pfand', 'Der Radverleih {name} verlangt ein Pfand von {pfand}.'),
  ('E-Bikes', 'Beim Radverleih {name} {ebike}'),
], [dict(name='Hauptbahnhof', tag='12', woche='60', pfand='50 Euro oder einem Ausweis', ebike='kosten E-Bikes 25 Euro am Tag.'),
    dict(name='Altstadt', tag='10', woche='45', pfand='100 Euro in bar', ebike='gibt es keine E-Bikes.'),
    dict(name='Seepromenade', tag='15', woche='70', pfand='einer Kreditkarte', ebike='sind E-Bikes mit Akku für 80 Kilometer für 30 Euro am Tag zu haben.')],
 [('rephrased', 0, 0, 'Was kostet es, am Hauptbahnhof eine Woche lang ein Rad zu leihen?'),
  ('rephrased', 2, 2, 'Wie weit komme ich mit einem Elektrorad von der Seepromenade?'),
  ('distractor', 1, 1, 'Reicht beim Radverleih Altstadt ein Ausweis als Pfand?'),
  ('other', 1, 2, 'Can I rent an electric bike at the Altstadt bike rental?', 'Kann ich beim Radverleih Altstadt ein E-Bike leihen?'),
  ('other', 2, 1, 'What deposit does the Seepromenade bike rental want?', 'Welches Pfand will der Radverleih Seepromenade?')])

cluster('de', 'kita', 'Kita {name}', [
  ('Betreuungszeiten', 'Die Kita {name} betreut Kinder von {von} bis {bis} Uhr.'),
  ('Essensgeld', 'Das Mittagessen in der Kita {name} kostet {essen} Euro im Monat.'),
  ('Schließtage', 'Die Kita {name} bleibt {schliess} geschlossen.'),
], [dict(name='Sonnenschein', von='7', bis='17', essen='65', schliess='drei Wochen im August'),
    dict(name='Regenbogen', von='6:30', bis='16:30', essen='58', schliess='zwischen Weihnachten und Neujahr und zwei Wochen im Juli'),
    dict(name='Pusteblume', von='8', bis='18', essen='72', schliess='nur an den gesetzlichen Feiertagen')],
 [('rephrased', 1, 0, 'Wie früh kann ich mein Kind in der Kita Regenbogen abgeben?'),
  ('rephrased', 2, 2, 'Macht die Kita Pusteblume im Sommer Ferien?'),
  ('distractor', 0, 1, 'Zahlt man in der Kita Sonnenschein 72 Euro Essensgeld?'),
  ('other', 0, 2, 'When is the Sonnenschein daycare closed for the holidays?', 'Wann hat die Kita Sonnenschein Ferien und ist geschlossen?'),
  ('other', 1, 1, 'How much do lunches cost per month at Kita Regenbogen?', 'Was kostet das Mittagessen pro Monat in der Kita Regenbogen?')])

cluster('de', 'mobil', 'Handytarif Mobil {name}', [
  ('Datenvolumen', 'Der Tarif Mobil {name} enthält {gb} GB Datenvolumen im Monat im 5G-Netz.'),
  ('Preis', 'Mobil {name} kostet {preis} Euro im Monat, die Anschlussgebühr beträgt {anschluss} Euro.'),
  ('Laufzeit', 'Mobil {name} hat eine Mindestlaufzeit von {laufzeit}.'),
], [dict(name='S', gb='5', preis='9,99', anschluss='19,99', laufzeit='einem Monat'),
    dict(name='M', gb='20', preis='19,99', anschluss='0', laufzeit='zwölf Monaten'),
    dict(name='L', gb='60', preis='34,99', anschluss='9,99', laufzeit='24 Monaten')],
 [('rephrased', 2, 0, 'Wie viel mobiles Internet bekomme ich mit Mobil L?'),
  ('rephrased', 0, 2, 'Bin ich bei Mobil S lange an den Vertrag gebunden?'),
  ('distractor', 1, 1, 'Kostet Mobil M 34,99 Euro mit 9,99 Euro Anschlussgebühr?'),
  ('other', 1, 0, 'How much data does the Mobil M plan include?', 'Wie viel Datenvolumen enthält der Tarif Mobil M?'),
  ('other', 2, 1, 'What is the monthly price of Mobil L?', 'Was kostet Mobil L im Monat?')])

cluster('de', 'vhs', 'Volkshochschule: {name}', [
  ('Termine', 'Der Kurs {name} findet {tag} statt und umfasst {termine} Termine.'),
  ('Gebühr', 'Die Kursgebühr für {name} beträgt {gebuehr} Euro; Schüler und Studierende zahlen {erm} Euro.'),
  ('Material', 'Für den Kurs {name} {material}'),
], [dict(name='Spanisch A1', tag='dienstags von 18 bis 19:30 Uhr', termine='zwölf', gebuehr='120', erm='80', material='wird das Lehrbuch Vamos 1 für 25 Euro benötigt.'),
    dict(name='Töpfern für Anfänger', tag='mittwochs von 17 bis 20 Uhr', termine='sechs', gebuehr='150', erm='110', material='kommen 30 Euro für Ton und Brennen hinzu.'),
    dict(name='Yoga am Morgen', tag='samstags von 9 bis 10:30 Uhr', termine='zehn', gebuehr='90', erm='60', material='bringen die Teilnehmenden eine eigene Matte mit.')],
 [('rephrased', 0, 0, 'An welchem Wochentag ist der Spanischkurs A1?'),
  ('rephrased', 1, 2, 'Fallen beim Töpfern für Anfänger noch Kosten für den Ton an?'),
  ('distractor', 2, 1, 'Zahlen Studierende für Yoga am Morgen 80 Euro?'),
  ('other', 2, 0, 'When does the morning yoga class take place?', 'Wann findet der Kurs Yoga am Morgen statt?'),
  ('other', 0, 2, 'Which textbook do I need for Spanish A1?', 'Welches Lehrbuch brauche ich für Spanisch A1?')])

cluster('de', 'praxis', 'Hausarztpraxis {name}', [
  ('Sprechzeiten', 'Die Praxis {name} hat {zeiten} Sprechstunde.'),
  ('Termine', 'Termine in der Praxis {name} {termine}'),
  ('Hausbesuche', 'Die Praxis {name} {besuch}'),
], [dict(name='Dr. Weber', zeiten='montags bis freitags von 8 bis 12 Uhr', termine='werden nur telefonisch vergeben.', besuch='macht Hausbesuche am Mittwochnachmittag.'),
    dict(name='Dr. Yılmaz', zeiten='montags bis donnerstags von 8 bis 18 Uhr', termine='können online gebucht werden.', besuch='macht keine Hausbesuche.'),
    dict(name='Dr. Fischer', zeiten='täglich außer mittwochs von 9 bis 13 und 15 bis 18 Uhr', termine='gibt es ohne Anmeldung in der offenen Sprechstunde.', besuch='macht Hausbesuche nur für Patienten über 75 Jahre.')],
 [('rephrased', 1, 1, 'Kann ich bei Dr. Yılmaz im Internet einen Termin ausmachen?'),
  ('rephrased', 0, 2, 'Kommt Dr. Weber auch zu kranken Patienten nach Hause?'),
  ('distractor', 2, 0, 'Hat die Praxis Dr. Fischer montags bis freitags von 8 bis 12 Uhr geöffnet?'),
  ('other', 1, 0, 'What are the opening hours of Dr. Yılmaz?', 'Wann hat die Praxis Dr. Yılmaz Sprechstunde?'),
  ('other', 2, 1, 'Do I need an appointment to see Dr. Fischer?', 'Brauche ich einen Termin, um zu Dr. Fischer zu gehen?')])

cluster('de', 'abfall', 'Abfallkalender Bezirk {name}', [
  ('Restmüll', 'Im Bezirk {name} wird die Restmülltonne {rest} geleert.'),
  ('Biotonne', 'Die Biotonne wird im Bezirk {name} {bio} abgeholt.'),
  ('Sperrmüll', 'Sperrmüll holt die Stadt im Bezirk {name} {sperr} ab.'),
], [dict(name='Nord', rest='jeden zweiten Montag', bio='jeden Donnerstag', sperr='zweimal im Jahr kostenlos nach Anmeldung'),
    dict(name='Süd', rest='jeden Dienstag', bio='alle zwei Wochen am Freitag', sperr='gegen eine Gebühr von 30 Euro'),
    dict(name='Mitte', rest='jeden zweiten Mittwoch', bio='im Winter monatlich, im Sommer wöchentlich', sperr='einmal im Jahr kostenlos')],
 [('rephrased', 0, 2, 'Kostet es im Bezirk Nord etwas, ein altes Sofa abholen zu lassen?'),
  ('rephrased', 2, 1, 'Wie oft wird im Bezirk Mitte der Biomüll geholt?'),
  ('distractor', 1, 0, 'Wird im Bezirk Süd die Restmülltonne jeden zweiten Montag geleert?'),
  ('other', 1, 2, 'What does bulky waste collection cost in the Süd district?', 'Was kostet die Sperrmüllabholung im Bezirk Süd?'),
  ('other', 0, 0, 'On which day is the general waste bin emptied in the Nord district?', 'An welchem Tag wird die Restmülltonne im Bezirk Nord geleert?')])

docs_out = []
questions_out = ['# kind\tdocument\tpassage\tquestion\ttranslation for the scripted LLM (other-language questions only)']
for lang, slug, title, sections, docs, qs in clusters:
    for i, facts in enumerate(docs):
        name = f'{slug}-{i + 1}-{lang}.md'
        md = '\n\n'.join(f'## {h}\n{t.format(**facts)}' for h, t in sections)
        with open(os.path.join(OUT, name), 'w') as f:
            f.write(md + '\n')
        docs_out.append(name + '\t' + title.format(**facts))
    for q in qs:
        kind, doc, passage, text = q[0], q[1], q[2], q[3]
        translation = q[4] if len(q) > 4 else ''
        questions_out.append('\t'.join([kind, f'{slug}-{doc + 1}-{lang}.md', str(passage), text, translation]).rstrip('\t'))
with open(os.path.join(OUT, 'documents.txt'), 'w') as f:
    f.write('\n'.join(docs_out) + '\n')
with open(os.path.join(OUT, 'questions.tsv'), 'w') as f:
    f.write('\n'.join(questions_out) + '\n')
import collections
print(len(docs_out), 'documents', collections.Counter(l.split('\t')[0] for l in questions_out[1:]))
