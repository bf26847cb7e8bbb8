<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>AttentionModel</name>
    <message>
        <source>Since</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Collo</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Causa</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Cosa fare</translation>
    </message>
    <message>
        <source>Scanned by</source>
        <translation>Scansionato da</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Deroga</translation>
    </message>
</context>
<context>
    <name>AttentionTab</name>
    <message>
        <source>Needs attention</source>
        <translation>Da verificare</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>&amp;Risolvi…</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Risolvi</translation>
    </message>
    <message>
        <source>Select a receipt, deal with it, then resolve it with a note.</source>
        <translation>Seleziona una ricezione, gestiscila, poi risolvila con una nota.</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Camera scanning</source>
        <translation>Scansione con la fotocamera</translation>
    </message>
    <message>
        <source>Hold one package label up to the camera, code towards it.</source>
        <translation>Tieni un&apos;etichetta alla volta davanti alla fotocamera, con il codice rivolto verso di essa.</translation>
    </message>
    <message>
        <source>The camera stopped: {why}. Close this window and try again.</source>
        <translation>La fotocamera si è fermata: {why}. Chiudi questa finestra e riprova.</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>Packages received: %n of {total}</source>
        <translation>
            <numerusform>Colli ricevuti: %n di {total}</numerusform>
            <numerusform>Colli ricevuti: %n di {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Packages still expected: %n</source>
        <translation>
            <numerusform>Colli ancora attesi: %n</numerusform>
            <numerusform>Colli ancora attesi: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n receipt(s), made by the receiving desk.</source>
        <translation>
            <numerusform>%n ricezione, fatta dal banco ricevimento.</numerusform>
            <numerusform>%n ricezioni, fatte dal banco ricevimento.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DayReport</name>
    <message>
        <source>provisional, confirmed</source>
        <translation>provvisoria, confermata</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>provvisoria</translation>
    </message>
    <message>
        <source>first received by {who}</source>
        <translation>ricevuto per primo da {who}</translation>
    </message>
    <message>
        <source>resolved by {who}</source>
        <translation>risolta da {who}</translation>
    </message>
    <message>
        <source>NEEDS ATTENTION</source>
        <translation>DA VERIFICARE</translation>
    </message>
    <message>
        <source>Receipts of {day}</source>
        <translation>Ricezioni del {day}</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Struttura</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>non ancora noto</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Postazione</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Giorno</translation>
    </message>
    <message>
        <source>{start} to {end}, local time</source>
        <translation>dalle {start} alle {end}, ora locale</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Stampato</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Ricezioni</translation>
    </message>
    <message>
        <source>By state</source>
        <translation>Per stato</translation>
    </message>
    <message>
        <source>Need attention</source>
        <translation>Da verificare</translation>
    </message>
    <message>
        <source>{k} of {n}</source>
        <translation>{k} di {n}</translation>
    </message>
    <message>
        <source>(accepted by {who})</source>
        <translation>(accettato da {who})</translation>
    </message>
    <message>
        <source>unknown order</source>
        <translation>ordine sconosciuto</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Collo</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Ricevuto da</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condizione</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Ricezione</translation>
    </message>
    <message>
        <source>No receipts were made on this day.</source>
        <translation>In questo giorno non è stata fatta alcuna ricezione.</translation>
    </message>
</context>
<context>
    <name>DemoWords</name>
    <message>
        <source>Accepted</source>
        <translation>Accettato</translation>
    </message>
    <message>
        <source>Already received</source>
        <translation>Già ricevuto</translation>
    </message>
    <message>
        <source>Wrong facility</source>
        <translation>Struttura sbagliata</translation>
    </message>
    <message>
        <source>Not captured</source>
        <translation>Pagamento non incassato</translation>
    </message>
    <message>
        <source>Released early (supervisor override)</source>
        <translation>Rilasciato in anticipo (deroga del supervisore)</translation>
    </message>
    <message>
        <source>Signed label</source>
        <translation>Etichetta firmata</translation>
    </message>
    <message>
        <source>Unknown token</source>
        <translation>Codice sconosciuto</translation>
    </message>
    <message>
        <source>Unreadable text</source>
        <translation>Testo illeggibile</translation>
    </message>
    <message>
        <source>An order id</source>
        <translation>Un id ordine</translation>
    </message>
    <message>
        <source>Demo data folder, kept:
{folder}</source>
        <translation>Cartella dei dati demo, conservata:
{folder}</translation>
    </message>
    <message>
        <source>Demo data in a temporary folder, removed on exit:
{folder}</source>
        <translation>Dati demo in una cartella temporanea, eliminata all&apos;uscita:
{folder}</translation>
    </message>
    <message>
        <source>Demo: sandbox data, no real goods.</source>
        <translation>Demo: dati della sandbox, nessuna merce reale.</translation>
    </message>
    <message>
        <source>Users (the password is the user name):</source>
        <translation>Utenti (la password è il nome utente):</translation>
    </message>
    <message>
        <source>The Demo menu (Alt+M) scans a sample of every verdict.</source>
        <translation>Il menu Demo (Alt+M) scansiona un esempio di ogni esito.</translation>
    </message>
    <message>
        <source>• {user} — {name} (supervisor), {facility}</source>
        <translation>• {user} — {name} (supervisore), {facility}</translation>
    </message>
    <message>
        <source>• {user} — {name}, {facility}</source>
        <translation>• {user} — {name}, {facility}</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <source>Loc&amp;k the desk</source>
        <translation>&amp;Blocca la postazione</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>I&amp;mpostazioni…</translation>
    </message>
    <message>
        <source>Scan with the &amp;camera</source>
        <translation>Scansiona con la &amp;fotocamera</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Chi&amp;udi</translation>
    </message>
    <message>
        <source>Mark &amp;damaged…</source>
        <translation>Segna come &amp;danneggiato…</translation>
    </message>
    <message>
        <source>Supervisor &amp;override…</source>
        <translation>&amp;Deroga del supervisore…</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>&amp;Risolvi…</translation>
    </message>
</context>
<context>
    <name>DeskLists</name>
    <message>
        <source>Queued</source>
        <translation>In coda</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Inviata</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registrata</translation>
    </message>
    <message>
        <source>Already received elsewhere</source>
        <translation>Già ricevuto altrove</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rifiutata</translation>
    </message>
    <message>
        <source>{state}, provisional</source>
        <translation>{state}, provvisoria</translation>
    </message>
    <message>
        <source>{state}, resolved</source>
        <translation>{state}, risolta</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>Non ancora noto</translation>
    </message>
    <message>
        <source>{k} of {n}</source>
        <translation>{k} di {n}</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Danneggiato</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>Integro</translation>
    </message>
    <message>
        <source>Supervisor override: {supervisor}</source>
        <translation>Deroga del supervisore: {supervisor}</translation>
    </message>
    <message>
        <source>Released early; accepted by {supervisor}: {note}</source>
        <translation>Rilasciato in anticipo; accettato da {supervisor}: {note}</translation>
    </message>
    <message>
        <source>Refused by the platform</source>
        <translation>Rifiutata dalla piattaforma</translation>
    </message>
    <message>
        <source>Registered first by {user} at {workstation}, {when}</source>
        <translation>Registrato per primo da {user} presso {workstation}, {when}</translation>
    </message>
    <message>
        <source>another desk</source>
        <translation>un&apos;altra postazione</translation>
    </message>
    <message>
        <source>Accepted offline without its order; not yet checked</source>
        <translation>Accettato offline senza il suo ordine; non ancora verificato</translation>
    </message>
    <message>
        <source>Check the package is not counted twice, then resolve with a note.</source>
        <translation>Verifica che il collo non sia contato due volte, poi risolvi con una nota.</translation>
    </message>
    <message>
        <source>Nothing yet: it is checked at the next sync.</source>
        <translation>Per ora nulla: viene verificato alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Resolve with a note once dealt with.</source>
        <translation>Una volta gestito, risolvi con una nota.</translation>
    </message>
    <message>
        <source>No such package on the platform: keep it aside and call the boutique.</source>
        <translation>Collo sconosciuto alla piattaforma: mettilo da parte e chiamare la boutique.</translation>
    </message>
    <message>
        <source>Payment not captured: do not release it; keep it aside or give it back to the courier.</source>
        <translation>Pagamento non incassato: non consegnarlo; mettilo da parte o restituiscilo al corriere.</translation>
    </message>
    <message>
        <source>No Manna documents: keep it aside until a supervisor accepts it.</source>
        <translation>Nessun documento Manna: mettilo da parte finché un supervisore non lo accetta.</translation>
    </message>
    <message>
        <source>Belongs to another facility: give it back to the courier.</source>
        <translation>Appartiene a un&apos;altra struttura: restituiscilo al corriere.</translation>
    </message>
    <message>
        <source>Call support with the receipt id, then resolve.</source>
        <translation>Chiama l&apos;assistenza con l&apos;id della ricezione, poi risolvi.</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Connection</source>
        <translation>Connessione</translation>
    </message>
    <message>
        <source>Queued receipts</source>
        <translation>Ricezioni in coda</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>Ultima sincronizzazione riuscita</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Utente collegato</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizza ora</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>In linea</translation>
    </message>
    <message>
        <source>Offline: receipts are kept and queued</source>
        <translation>Non in linea: le ricezioni sono conservate in coda</translation>
    </message>
    <message>
        <source>Connection poor: sync is retrying</source>
        <translation>Connessione debole: la sincronizzazione riprova</translation>
    </message>
    <message>
        <source>Log in again to sync (Ctrl+Shift+L); receipts stay queued</source>
        <translation>Accedi di nuovo per sincronizzare (Ctrl+Maiusc+L); le ricezioni restano in coda</translation>
    </message>
    <message>
        <source>Log in to sync</source>
        <translation>Accedi per sincronizzare</translation>
    </message>
    <message>
        <source>Queued: {n}</source>
        <translation>In coda: {n}</translation>
    </message>
    <message>
        <source> · Needs attention: {n}</source>
        <translation> · Da verificare: {n}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Non ancora sincronizzato</translation>
    </message>
    <message>
        <source>Last sync {when}</source>
        <translation>Ultima sincronizzazione {when}</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Nessun utente collegato</translation>
    </message>
    <message>
        <source>{user} at {facility}</source>
        <translation>{user} presso {facility}</translation>
    </message>
    <message>
        <source> (offline unlock)</source>
        <translation> (sblocco senza rete)</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Receiving desk</source>
        <translation>Banco ricevimento</translation>
    </message>
    <message>
        <source> — DEMO</source>
        <translation> — DEMO</translation>
    </message>
    <message>
        <source>Desk lists</source>
        <translation>Elenchi della postazione</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Struttura</translation>
    </message>
    <message>
        <source>DEMO — sandbox data, no real goods</source>
        <translation>DEMO — dati di prova, nessuna merce reale</translation>
    </message>
    <message>
        <source>Demo mode</source>
        <translation>Modalità demo</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Postazione</translation>
    </message>
    <message>
        <source>De&amp;mo</source>
        <translation>De&amp;mo</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Spedizione</translation>
    </message>
    <message>
        <source>{facility} · {user}</source>
        <translation>{facility} · {user}</translation>
    </message>
    <message>
        <source>{title} — locked</source>
        <translation>{title} — bloccata</translation>
    </message>
    <message>
        <source>Unlock the desk first, then scan.</source>
        <translation>Prima sblocca la postazione, poi scansiona.</translation>
    </message>
    <message>
        <source>Log in first, then scan.</source>
        <translation>Prima accedi, poi scansiona.</translation>
    </message>
    <message>
        <source>Verified by its signed label</source>
        <translation>Verificato dalla sua etichetta firmata</translation>
    </message>
    <message>
        <source>This desk has not fetched the package&apos;s order yet; its shipment shows here after the next sync.</source>
        <translation>Questa postazione non ha ancora scaricato l&apos;ordine del collo; la spedizione comparirà qui dopo la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Order not known here yet</source>
        <translation>Ordine non ancora noto qui</translation>
    </message>
    <message>
        <source>This desk had not fetched the package&apos;s order before the network went; it is checked at the next sync.</source>
        <translation>Questa postazione non aveva scaricato l&apos;ordine del collo prima che la rete cadesse; verrà controllato alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Order {order}</source>
        <translation>Ordine {order}</translation>
    </message>
    <message>
        <source>Its shipments and packages are listed below.</source>
        <translation>Le sue spedizioni e i suoi colli sono elencati qui sotto.</translation>
    </message>
    <message>
        <source>Scan not checked</source>
        <translation>Scansione non verificata</translation>
    </message>
    <message>
        <source>Something went wrong while checking this scan; nothing was registered. Scan the package again.</source>
        <translation>Qualcosa è andato storto durante la verifica di questa scansione; non è stato registrato nulla. Scansiona di nuovo il collo.</translation>
    </message>
    <message>
        <source>Receipt NOT kept</source>
        <translation>Ricezione NON salvata</translation>
    </message>
    <message>
        <source>This workstation could not save the receipt, so the package is NOT received. Keep it aside, do not sign for it, and call support. {why}</source>
        <translation>Questa postazione non ha potuto salvare la ricezione, quindi il collo NON è ricevuto. Mettilo da parte, non firmare per la consegna e chiama l&apos;assistenza. {why}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizzazione…</translation>
    </message>
    <message>
        <source>Receipts still queued</source>
        <translation>Ricezioni ancora in coda</translation>
    </message>
    <message numerus="yes">
        <source>%n receipt(s) still queued, not yet sent.</source>
        <translation>
            <numerusform>%n ricezione è ancora in coda, non ancora inviata.</numerusform>
            <numerusform>%n ricezioni sono ancora in coda, non ancora inviate.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wait for the sync to send them now, or log out anyway.</source>
        <translation>Attendi che la sincronizzazione le invii ora, oppure esci comunque.</translation>
    </message>
    <message>
        <source>&amp;Log out anyway</source>
        <translation>&amp;Esci comunque</translation>
    </message>
    <message>
        <source>Wait for the sync to send them now, or close anyway.</source>
        <translation>Attendi che la sincronizzazione le invii ora, oppure chiudi comunque.</translation>
    </message>
    <message>
        <source>&amp;Close anyway</source>
        <translation>&amp;Chiudi comunque</translation>
    </message>
    <message>
        <source>They are kept safely on this workstation and are sent the next time the desk is online.</source>
        <translation>Sono conservate al sicuro su questa postazione e vengono inviate la prossima volta che la postazione è in linea.</translation>
    </message>
    <message>
        <source>&amp;Wait for sync</source>
        <translation>&amp;Attendi la sincronizzazione</translation>
    </message>
    <message>
        <source>Wait for sync</source>
        <translation>Attendi la sincronizzazione</translation>
    </message>
    <message>
        <source>Sending the queued receipts…</source>
        <translation>Invio delle ricezioni in coda…</translation>
    </message>
    <message>
        <source>The sync could not send them yet ({state}).</source>
        <translation>La sincronizzazione non ha ancora potuto inviarle ({state}).</translation>
    </message>
    <message>
        <source>The login could not be checked. Try again.</source>
        <translation>Non è stato possibile verificare l&apos;accesso. Riprova.</translation>
    </message>
    <message>
        <source>The password could not be checked. Try again.</source>
        <translation>Non è stato possibile verificare la password. Riprova.</translation>
    </message>
    <message>
        <source>Sync failed; it is tried again on its own.</source>
        <translation>Sincronizzazione non riuscita; verrà ritentata da sola.</translation>
    </message>
    <message>
        <source>Sync failed; the receipts stay queued on this workstation.</source>
        <translation>Sincronizzazione non riuscita; le ricezioni restano in coda su questa postazione.</translation>
    </message>
    <message>
        <source>Logging out failed. Try again.</source>
        <translation>Uscita non riuscita. Riprova.</translation>
    </message>
    <message>
        <source>Something went wrong; see the support log.</source>
        <translation>Qualcosa è andato storto; vedi il registro di assistenza.</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n giorno</numerusform>
            <numerusform>%n giorni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n ora</numerusform>
            <numerusform>%n ore</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minuti</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpectedModel</name>
    <message>
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Collo</translation>
    </message>
    <message>
        <source>Expected for</source>
        <translation>Atteso da</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documenti</translation>
    </message>
    <message>
        <source>{k} of {n}</source>
        <translation>{k} di {n}</translation>
    </message>
    <message>
        <source>Manna issued</source>
        <translation>Manna emessi</translation>
    </message>
    <message>
        <source>No Manna documents: needs a supervisor</source>
        <translation>Nessun documento Manna: serve un supervisore</translation>
    </message>
</context>
<context>
    <name>ExpectedTab</name>
    <message>
        <source>Search by order id</source>
        <translation>Cerca per id ordine</translation>
    </message>
    <message>
        <source>Search by order id, e.g. 1-2603-1-000042 or 000042</source>
        <translation>Cerca per id ordine, ad es. 1-2603-1-000042 o 000042</translation>
    </message>
    <message>
        <source>Expected packages</source>
        <translation>Colli attesi</translation>
    </message>
</context>
<context>
    <name>HandoverReceipt</name>
    <message>
        <source>Facility {facility}</source>
        <translation>Struttura {facility}</translation>
    </message>
    <message>
        <source>Handover receipt {shipment}</source>
        <translation>Ricevuta di consegna {shipment}</translation>
    </message>
    <message>
        <source>Handover receipt</source>
        <translation>Ricevuta di consegna</translation>
    </message>
    <message>
        <source>The packages listed as received were taken in at the facility in the condition stated. One copy for the courier, one for the facility.</source>
        <translation>I colli indicati come ricevuti sono stati presi in carico presso la struttura nella condizione indicata. Una copia per il corriere, una per la struttura.</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Struttura</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Spedizione</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Stampato</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Postazione</translation>
    </message>
    <message>
        <source>{k} of {n}</source>
        <translation>{k} di {n}</translation>
    </message>
    <message>
        <source>received at another workstation</source>
        <translation>ricevuto presso un&apos;altra postazione</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Collo</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuto</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Ricevuto da</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condizione</translation>
    </message>
    <message>
        <source>Receipt id</source>
        <translation>Id ricezione</translation>
    </message>
    <message>
        <source>No package of this shipment is received.</source>
        <translation>Nessun collo di questa spedizione è stato ricevuto.</translation>
    </message>
    <message>
        <source>Not received, not covered by this receipt: {which}.</source>
        <translation>Non ricevuti, non coperti da questa ricevuta: {which}.</translation>
    </message>
    <message>
        <source>Each receipt id is the registration of one package with the partner platform. Made by the receiving desk.</source>
        <translation>Ogni id di ricezione è la registrazione di un collo presso la piattaforma partner. Generato dalla postazione di ricevimento.</translation>
    </message>
    <message>
        <source>Courier, name</source>
        <translation>Corriere, nome</translation>
    </message>
    <message>
        <source>Courier, signature</source>
        <translation>Corriere, firma</translation>
    </message>
    <message>
        <source>For the facility</source>
        <translation>Per la struttura</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Data e ora</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Desk locked</source>
        <translation>Postazione bloccata</translation>
    </message>
    <message>
        <source>Queued receipts keep syncing while the desk is locked. They stay attributed to whoever scanned them.</source>
        <translation>Le ricezioni in coda continuano a sincronizzarsi mentre la postazione è bloccata. Restano attribuite a chi le ha scansionate.</translation>
    </message>
    <message>
        <source>Unlock problem</source>
        <translation>Problema di sblocco</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Sblocca</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>Cambia &amp;utente…</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>U&amp;ser</source>
        <translation>&amp;Utente</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Accedi</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Indietro</translation>
    </message>
    <message>
        <source>Locked for {user}. Unlock with your password, or switch user.</source>
        <translation>Bloccata per {user}. Sblocca con la tua password, oppure cambia utente.</translation>
    </message>
    <message>
        <source>The desk is locked: that scan was NOT received. Unlock the desk, then scan the package again.</source>
        <translation>La postazione è bloccata: quella scansione NON è stata ricevuta. Sblocca la postazione, poi scansiona di nuovo il collo.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Digita la tua password.</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>Digita il tuo nome utente.</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <source>Log in</source>
        <translation>Accedi</translation>
    </message>
    <message>
        <source>Receiving desk</source>
        <translation>Banco ricevimento</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Utente</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Login problem</source>
        <translation>Problema di accesso</translation>
    </message>
    <message>
        <source>About this desk</source>
        <translation>Informazioni su questa postazione</translation>
    </message>
    <message>
        <source>At {facility}</source>
        <translation>Presso {facility}</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Accesso in corso…</translation>
    </message>
    <message>
        <source>Wrong user name or password. Try again.</source>
        <translation>Nome utente o password errati. Riprova.</translation>
    </message>
    <message>
        <source>Too many wrong attempts: this user is locked for now.</source>
        <translation>Troppi tentativi errati: questo utente è bloccato per ora.</translation>
    </message>
    <message>
        <source>Too many wrong attempts: this user is locked until {time}.</source>
        <translation>Troppi tentativi errati: questo utente è bloccato fino alle {time}.</translation>
    </message>
    <message>
        <source>That user works at {facility}. Only a user of this desk&apos;s facility can switch in here; the desk stays locked.</source>
        <translation>Quell&apos;utente lavora presso {facility}. Qui può subentrare solo un utente della struttura di questa postazione; la postazione resta bloccata.</translation>
    </message>
    <message>
        <source>That user works at another facility. Only a user of this desk&apos;s facility can switch in here; the desk stays locked.</source>
        <translation>Quell&apos;utente lavora presso un&apos;altra struttura. Qui può subentrare solo un utente della struttura di questa postazione; la postazione resta bloccata.</translation>
    </message>
    <message>
        <source>The desk is offline and this user has not logged in here online recently. Connect to the network to log in.</source>
        <translation>La postazione non è in linea e questo utente non ha fatto di recente un accesso in linea qui. Collegati alla rete per accedere.</translation>
    </message>
    <message>
        <source>The sign-in service is not answering. Try again.</source>
        <translation>Il servizio di accesso non risponde. Riprova.</translation>
    </message>
    <message>
        <source>That was a package scan, and it was NOT received. Log in first, then scan the package again.</source>
        <translation>Era la scansione di un collo: NON è stata ricevuta. Prima accedi, poi scansiona di nuovo il collo.</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>Digita il tuo nome utente.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Digita la tua password.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Nota:</translation>
    </message>
    <message>
        <source>Write a note saying what was done.</source>
        <translation>Scrivi una nota che dica cosa è stato fatto.</translation>
    </message>
    <message numerus="yes">
        <source>The note is too long: at most %n characters.</source>
        <translation>
            <numerusform>La nota è troppo lunga: al massimo %n carattere.</numerusform>
            <numerusform>La nota è troppo lunga: al massimo %n caratteri.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Supervisor override</source>
        <translation>Deroga del supervisore</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisore</translation>
    </message>
    <message>
        <source>Supervisor&apos;s password</source>
        <translation>Password del supervisore</translation>
    </message>
    <message>
        <source>Why it may be accepted</source>
        <translation>Perché può essere accettato</translation>
    </message>
    <message>
        <source>&amp;Accept the package</source>
        <translation>&amp;Accetta il collo</translation>
    </message>
    <message>
        <source>&amp;Supervisor:</source>
        <translation>&amp;Supervisore:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Why:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Type the supervisor&apos;s user name and password.</source>
        <translation>Digita nome utente e password del supervisore.</translation>
    </message>
    <message>
        <source>Write why the package may be accepted.</source>
        <translation>Scrivi perché il collo può essere accettato.</translation>
    </message>
    <message numerus="yes">
        <source>The note is too long: at most %n characters.</source>
        <translation>
            <numerusform>La nota è troppo lunga: al massimo %n carattere.</numerusform>
            <numerusform>La nota è troppo lunga: al massimo %n caratteri.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhraseBook</name>
    <message>
        <source>dd MMM yyyy HH:mm</source>
        <translation>dd MMM yyyy HH:mm</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accettato</translation>
    </message>
    <message>
        <source>Accepted, provisional</source>
        <translation>Accettato, provvisorio</translation>
    </message>
    <message>
        <source>Already received</source>
        <translation>Già ricevuto</translation>
    </message>
    <message>
        <source>Wrong facility</source>
        <translation>Struttura sbagliata</translation>
    </message>
    <message>
        <source>Not captured</source>
        <translation>Pagamento non incassato</translation>
    </message>
    <message>
        <source>Released early</source>
        <translation>Rilasciato in anticipo</translation>
    </message>
    <message>
        <source>Unknown token</source>
        <translation>Codice sconosciuto</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Illeggibile</translation>
    </message>
    <message>
        <source>Label not genuine</source>
        <translation>Etichetta non autentica</translation>
    </message>
    <message>
        <source>Label key unknown</source>
        <translation>Chiave dell&apos;etichetta sconosciuta</translation>
    </message>
    <message>
        <source>Label does not match</source>
        <translation>L&apos;etichetta non corrisponde</translation>
    </message>
    <message>
        <source>Package {number} of {count} received.</source>
        <translation>Collo {number} di {count} ricevuto.</translation>
    </message>
    <message>
        <source>Package {number} of {count} received for order {order}.</source>
        <translation>Collo {number} di {count} ricevuto per l&apos;ordine {order}.</translation>
    </message>
    <message>
        <source>package {number}</source>
        <translation>collo {number}</translation>
    </message>
    <message>
        <source>The shipment is complete.</source>
        <translation>La spedizione è completa.</translation>
    </message>
    <message>
        <source>Accepted by supervisor override.</source>
        <translation>Accettato con autorizzazione del supervisore.</translation>
    </message>
    <message>
        <source>Verified offline by its signed label; the rest of the shipment shows after the next sync.</source>
        <translation>Verificato offline dalla sua etichetta firmata; il resto della spedizione comparirà dopo la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Offline: the receipt is kept and will be verified when the network returns. It stays under Needs attention until then.</source>
        <translation>Non in linea: la ricezione è conservata e verrà verificata al ritorno della rete. Fino ad allora resta in Da verificare.</translation>
    </message>
    <message>
        <source>Its signed label was issued on {issued}, later than this desk&apos;s clock says it is now. Ask a supervisor to check the desk&apos;s date and time.</source>
        <translation>La sua etichetta firmata è stata emessa il {issued}, più tardi dell&apos;ora segnata dall&apos;orologio di questa postazione. Chiedi a un supervisore di controllare data e ora della postazione.</translation>
    </message>
    <message>
        <source>You just scanned this package; its receipt is kept. Nothing to do.</source>
        <translation>Questo collo è appena stato scansionato; la ricezione è conservata. Nulla da fare.</translation>
    </message>
    <message>
        <source>This package was received on {when} by {who}. Do not register it twice.</source>
        <translation>Questo collo è stato ricevuto il {when} da {who}. Non registrarlo due volte.</translation>
    </message>
    <message>
        <source>This package was received. Do not register it twice.</source>
        <translation>Questo collo è già stato ricevuto. Non registrarlo due volte.</translation>
    </message>
    <message>
        <source>This package belongs to another facility. Refuse the package.</source>
        <translation>Questo collo appartiene a un&apos;altra struttura. Rifiuta il collo.</translation>
    </message>
    <message>
        <source>Refuse the package: {reason}. Goods must not leave the boutique before capture.</source>
        <translation>Rifiuta il collo: {reason}. La merce non deve lasciare la boutique prima dell&apos;incasso.</translation>
    </message>
    <message>
        <source>Refuse the package: no Manna documents were issued. A supervisor may accept it with a note.</source>
        <translation>Rifiuta il collo: non sono stati emessi i documenti Manna. Un supervisore può accettarlo con una nota.</translation>
    </message>
    <message>
        <source>No package has this token. Refuse it, or retype the token to check.</source>
        <translation>Nessun collo ha questo codice. Rifiutalo, oppure ridigita il codice per verificarlo.</translation>
    </message>
    <message>
        <source>Rescan the label or retype the token.</source>
        <translation>Scansiona di nuovo l&apos;etichetta o ridigita il codice.</translation>
    </message>
    <message>
        <source>Refuse the package: its label&apos;s signature does not match what the label says, so the platform did not print it. Call a supervisor.</source>
        <translation>Rifiuta il collo: la firma dell&apos;etichetta non corrisponde al suo contenuto, quindi non è stata stampata dalla piattaforma. Chiama un supervisore.</translation>
    </message>
    <message>
        <source>Refuse the package for now: {reason}. Sync when the network returns and scan it again.</source>
        <translation>Rifiuta il collo per ora: {reason}. Sincronizza quando torna la rete e scansionalo di nuovo.</translation>
    </message>
    <message>
        <source>Refuse the package: its label names another order or package than the platform&apos;s records for this token. Call a supervisor.</source>
        <translation>Rifiuta il collo: l&apos;etichetta indica un ordine o un collo diverso da quello registrato dalla piattaforma per questo codice. Chiama un supervisore.</translation>
    </message>
    <message>
        <source>the label&apos;s signature does not match what it says</source>
        <translation>la firma dell&apos;etichetta non corrisponde al suo contenuto</translation>
    </message>
    <message>
        <source>the label names another order, shipment or package number than the platform&apos;s records</source>
        <translation>l&apos;etichetta indica un ordine, una spedizione o un numero di collo diverso da quelli registrati dalla piattaforma</translation>
    </message>
    <message>
        <source>the label is signed with a key this desk does not have</source>
        <translation>l&apos;etichetta è firmata con una chiave che questa postazione non possiede</translation>
    </message>
    <message>
        <source>the label&apos;s key was not in use when the label was issued</source>
        <translation>la chiave dell&apos;etichetta non era in uso quando l&apos;etichetta è stata emessa</translation>
    </message>
    <message>
        <source>the payment is not captured</source>
        <translation>il pagamento non è stato incassato</translation>
    </message>
    <message>
        <source>the fulfillment was cancelled</source>
        <translation>la spedizione è stata annullata</translation>
    </message>
    <message>
        <source>the payment has not been captured yet</source>
        <translation>il pagamento non è ancora stato incassato</translation>
    </message>
    <message>
        <source>the payment capture failed</source>
        <translation>l&apos;incasso del pagamento non è riuscito</translation>
    </message>
    <message>
        <source>the payment capture was voided</source>
        <translation>l&apos;incasso del pagamento è stato annullato</translation>
    </message>
    <message>
        <source>the payment was refunded</source>
        <translation>il pagamento è stato rimborsato</translation>
    </message>
    <message>
        <source>no Manna documents were issued for this shipment</source>
        <translation>non sono stati emessi i documenti Manna per questa spedizione</translation>
    </message>
    <message>
        <source>Nothing was scanned. Scan the label again.</source>
        <translation>Non è stato scansionato nulla. Scansiona di nuovo l&apos;etichetta.</translation>
    </message>
    <message>
        <source>That scan is far too long to be a label. Scan again.</source>
        <translation>Questa scansione è troppo lunga per essere un&apos;etichetta. Scansiona di nuovo.</translation>
    </message>
    <message>
        <source>This is not a security token. Scan the package label or type its token.</source>
        <translation>Questo non è un codice di sicurezza. Scansiona l&apos;etichetta del collo o digitane il codice.</translation>
    </message>
    <message>
        <source>The token&apos;s check symbol does not match: a symbol was misread or mistyped. Rescan or retype it.</source>
        <translation>Il simbolo di controllo del codice non corrisponde: un simbolo è stato letto o digitato male. Scansionalo o digitalo di nuovo.</translation>
    </message>
    <message>
        <source>The token only reads under a wrong keyboard layout, and more than one fits. Retype it, and check the scanner&apos;s keyboard layout.</source>
        <translation>Il codice si legge solo con una disposizione di tastiera sbagliata, e ne va bene più d&apos;una. Ridigitalo e controlla la disposizione di tastiera dello scanner.</translation>
    </message>
    <message>
        <source>This link holds no security token (no t= in it). Scan the package label.</source>
        <translation>Questo link non contiene un codice di sicurezza (manca t=). Scansiona l&apos;etichetta del collo.</translation>
    </message>
    <message>
        <source>This order id is not valid: the {segment} {problem}. An order id reads like 1-2603-1-000001.</source>
        <translation>Questo numero d&apos;ordine non è valido: {segment} {problem}. Un numero d&apos;ordine ha la forma 1-2603-1-000001.</translation>
    </message>
    <message>
        <source>must be a positive integer</source>
        <translation>deve essere un intero positivo</translation>
    </message>
    <message>
        <source>year must be two digits</source>
        <translation>l&apos;anno deve avere due cifre</translation>
    </message>
    <message>
        <source>month {month} is not 01-12</source>
        <translation>il mese {month} non è tra 01 e 12</translation>
    </message>
    <message>
        <source>must be 000001 to 999999</source>
        <translation>deve essere tra 000001 e 999999</translation>
    </message>
    <message>
        <source>has leading or trailing whitespace</source>
        <translation>ha spazi all&apos;inizio o alla fine</translation>
    </message>
    <message>
        <source>is missing (expected tenant-YYMM-partner-sequence)</source>
        <translation>manca (la forma è tenant-YYMM-partner-sequence)</translation>
    </message>
    <message>
        <source>has more than four segments</source>
        <translation>ha più di quattro segmenti</translation>
    </message>
    <message>
        <source>{value} is not a positive integer</source>
        <translation>{value} non è un intero positivo</translation>
    </message>
    <message>
        <source>{value} is not four digits</source>
        <translation>{value} non è di quattro cifre</translation>
    </message>
    <message>
        <source>{value} is not six digits</source>
        <translation>{value} non è di sei cifre</translation>
    </message>
    <message>
        <source>This signed label cannot be read: {reason}. Scan it again, or type the token printed beside it.</source>
        <translation>Questa etichetta firmata non è leggibile: {reason}. Scansionala di nuovo o digita il codice stampato accanto.</translation>
    </message>
    <message>
        <source>it does not start with {prefix}</source>
        <translation>non inizia con {prefix}</translation>
    </message>
    <message>
        <source>it has data after the signature</source>
        <translation>ha dati dopo la firma</translation>
    </message>
    <message>
        <source>its order id is not valid (the {segment} {problem})</source>
        <translation>il suo numero d&apos;ordine non è valido ({segment} {problem})</translation>
    </message>
    <message>
        <source>its key id is not valid</source>
        <translation>l&apos;identificativo della sua chiave non è valido</translation>
    </message>
    <message>
        <source>its fulfillment id is empty, too long or not printable</source>
        <translation>l&apos;identificativo della spedizione è vuoto, troppo lungo o non stampabile</translation>
    </message>
    <message>
        <source>package {number} of {count} is not a package number</source>
        <translation>collo {number} di {count} non è un numero di collo</translation>
    </message>
    <message>
        <source>its issue time has no offset</source>
        <translation>l&apos;ora di emissione non ha il fuso orario</translation>
    </message>
    <message>
        <source>its issue time is out of range</source>
        <translation>l&apos;ora di emissione è fuori intervallo</translation>
    </message>
    <message>
        <source>the token in it fails its check symbol</source>
        <translation>il codice che contiene non supera il simbolo di controllo</translation>
    </message>
    <message>
        <source>its signature is not 64 bytes</source>
        <translation>la firma non è di 64 byte</translation>
    </message>
    <message>
        <source>it is cut short (at its {field})</source>
        <translation>è troncata (al campo {field})</translation>
    </message>
    <message>
        <source>its {field} is not text</source>
        <translation>il campo {field} non è testo</translation>
    </message>
    <message>
        <source>it holds symbols a label never has ({symbols})</source>
        <translation>contiene simboli che un&apos;etichetta non ha mai ({symbols})</translation>
    </message>
    <message>
        <source>it is cut short or has symbols added</source>
        <translation>è troncata o ha simboli in più</translation>
    </message>
    <message>
        <source>it is damaged</source>
        <translation>è danneggiata</translation>
    </message>
    <message>
        <source>key id</source>
        <translation>identificativo della chiave</translation>
    </message>
    <message>
        <source>order id</source>
        <translation>numero d&apos;ordine</translation>
    </message>
    <message>
        <source>fulfillment id</source>
        <translation>identificativo della spedizione</translation>
    </message>
    <message>
        <source>package number</source>
        <translation>numero del collo</translation>
    </message>
    <message>
        <source>issue time</source>
        <translation>ora di emissione</translation>
    </message>
    <message>
        <source>token</source>
        <translation>codice</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>firma</translation>
    </message>
    <message>
        <source>Order {order} is not expected at this facility.</source>
        <translation>L&apos;ordine {order} non è atteso in questa struttura.</translation>
    </message>
    <message>
        <source>The scanner types as US English but this workstation uses QWERTZ (German).</source>
        <translation>Lo scanner scrive come una tastiera inglese (USA), ma questa postazione usa QWERTZ (tedesca).</translation>
    </message>
    <message>
        <source>The scanner types as US English but this workstation uses AZERTY (French).</source>
        <translation>Lo scanner scrive come una tastiera inglese (USA), ma questa postazione usa AZERTY (francese).</translation>
    </message>
    <message numerus="yes">
        <source>Still missing in this shipment: {packages}.</source>
        <translation>
            <numerusform>Manca ancora in questa spedizione: {packages}.</numerusform>
            <numerusform>Mancano ancora in questa spedizione: {packages}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Damaged</source>
        <translation>Danneggiato</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>Integro</translation>
    </message>
    <message>
        <source>Queued, not yet sent</source>
        <translation>In coda, non ancora inviata</translation>
    </message>
    <message>
        <source>Sent, answer awaited</source>
        <translation>Inviata, in attesa di risposta</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registrata</translation>
    </message>
    <message>
        <source>Already received elsewhere</source>
        <translation>Già ricevuto altrove</translation>
    </message>
    <message>
        <source>Refused by the platform</source>
        <translation>Rifiutata dalla piattaforma</translation>
    </message>
</context>
<context>
    <name>ReceiptActions</name>
    <message>
        <source>Accept a package first, then mark it damaged.</source>
        <translation>Accetta prima un collo, poi segnalo come danneggiato.</translation>
    </message>
    <message>
        <source>Mark package {package} of order {order} as damaged. The change is kept here and sent as a new version of its receipt.</source>
        <translation>Segna il collo {package} dell&apos;ordine {order} come danneggiato. La modifica è conservata qui e inviata come nuova versione della sua ricezione.</translation>
    </message>
    <message>
        <source>Damaged package</source>
        <translation>Collo danneggiato</translation>
    </message>
    <message>
        <source>&amp;Mark damaged</source>
        <translation>&amp;Segna come danneggiato</translation>
    </message>
    <message>
        <source>Marked damaged (version {version}); it syncs as a new version.</source>
        <translation>Segnato come danneggiato (versione {version}); si sincronizza come nuova versione.</translation>
    </message>
    <message>
        <source>A supervisor override is for a package just refused as released early; scan it first.</source>
        <translation>La deroga del supervisore vale per un collo appena rifiutato perché rilasciato in anticipo; scansionalo prima.</translation>
    </message>
    <message>
        <source>Package {package} of order {order} was released without Manna documents. A supervisor may accept it with a note.</source>
        <translation>Il collo {package} dell&apos;ordine {order} è stato rilasciato senza documenti Manna. Un supervisore può accettarlo con una nota.</translation>
    </message>
    <message>
        <source>Wrong supervisor user name or password: the package is NOT accepted.</source>
        <translation>Nome utente o password del supervisore errati: il collo NON è accettato.</translation>
    </message>
    <message>
        <source>{user} is not a supervisor of this facility: the package is NOT accepted.</source>
        <translation>{user} non è un supervisore di questa struttura: il collo NON è accettato.</translation>
    </message>
    <message>
        <source>{user} is locked out after wrong passwords; try again later.</source>
        <translation>{user} è bloccato dopo password errate; riprova più tardi.</translation>
    </message>
    <message>
        <source>The supervisor cannot be checked: the desk is offline and {user} has not logged in at this workstation recently.</source>
        <translation>Impossibile verificare il supervisore: la postazione è offline e {user} non ha effettuato l&apos;accesso su questa postazione di recente.</translation>
    </message>
    <message>
        <source>Write why the package may be accepted.</source>
        <translation>Scrivi perché il collo può essere accettato.</translation>
    </message>
    <message>
        <source>Scan the package again, then ask for the override.</source>
        <translation>Scansiona di nuovo il collo, poi chiedi la deroga.</translation>
    </message>
    <message>
        <source>Select a receipt in Needs attention to resolve it.</source>
        <translation>Seleziona una ricezione in Da verificare per risolverla.</translation>
    </message>
    <message>
        <source>{state} — order {order}, package {package}. {cause}</source>
        <translation>{state} — ordine {order}, collo {package}. {cause}</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Risolvi</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>&amp;Risolvi</translation>
    </message>
    <message>
        <source>Resolved; the note is in the audit log.</source>
        <translation>Risolta; la nota è nel registro di controllo.</translation>
    </message>
    <message>
        <source>Something went wrong; see the support log.</source>
        <translation>Qualcosa è andato storto; vedi il registro di assistenza.</translation>
    </message>
    <message>
        <source>The override could not be checked; nothing was received.</source>
        <translation>Impossibile verificare la deroga; non è stato ricevuto nulla.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialogs</name>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinting</name>
    <message>
        <source>&amp;Print handover receipt…</source>
        <translation>&amp;Stampa la ricevuta di consegna…</translation>
    </message>
    <message>
        <source>Save handover receipt as P&amp;DF…</source>
        <translation>Salva la ricevuta di consegna come P&amp;DF…</translation>
    </message>
    <message>
        <source>Export the &amp;day&apos;s report…</source>
        <translation>Esporta il &amp;rapporto del giorno…</translation>
    </message>
    <message>
        <source>&amp;Receipts</source>
        <translation>&amp;Ricezioni</translation>
    </message>
    <message>
        <source>Print handover receipt</source>
        <translation>Stampa la ricevuta di consegna</translation>
    </message>
    <message>
        <source>This desk does not know shipment {shipment} yet; sync, then try again.</source>
        <translation>Questa postazione non conosce ancora la spedizione {shipment}; sincronizza, poi riprova.</translation>
    </message>
    <message>
        <source>Save the handover receipt</source>
        <translation>Salva la ricevuta di consegna</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>File PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the day&apos;s report</source>
        <translation>Esporta il rapporto del giorno</translation>
    </message>
    <message>
        <source>Day of the report</source>
        <translation>Giorno del rapporto</translation>
    </message>
    <message>
        <source>Receipts of &amp;day:</source>
        <translation>Ricezioni del &amp;giorno:</translation>
    </message>
    <message>
        <source>{path} could not be written: {why}</source>
        <translation>Impossibile scrivere {path}: {why}</translation>
    </message>
    <message>
        <source>The printer</source>
        <translation>La stampante</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Inviato alla stampante.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Salvato {path}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non salvato</translation>
    </message>
    <message>
        <source>The receipts could not be read; see the support log.</source>
        <translation>Impossibile leggere le ricezioni; vedi il registro di assistenza.</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <source>Scan or type a token</source>
        <translation>Scansiona o digita un codice</translation>
    </message>
    <message>
        <source>Scan a package label, or type its token and press Enter</source>
        <translation>Scansiona l&apos;etichetta di un collo, oppure digitane il codice e premi Invio</translation>
    </message>
    <message>
        <source>Token as typed</source>
        <translation>Codice digitato</translation>
    </message>
    <message>
        <source>Label or link</source>
        <translation>Etichetta o link</translation>
    </message>
    <message>
        <source>Signed label</source>
        <translation>Etichetta firmata</translation>
    </message>
    <message>
        <source>Order id: {text}</source>
        <translation>Numero d&apos;ordine: {text}</translation>
    </message>
    <message>
        <source>{grouped} · not token symbols: {symbols}</source>
        <translation>{grouped} · simboli non validi in un codice: {symbols}</translation>
    </message>
    <message>
        <source>{grouped} · too many symbols for a token</source>
        <translation>{grouped} · troppi simboli per un codice</translation>
    </message>
    <message>
        <source>{grouped} · {count} of {total} symbols</source>
        <translation>{grouped} · {count} di {total} simboli</translation>
    </message>
    <message>
        <source>{grouped} · check symbol does not match: a symbol is mistyped</source>
        <translation>{grouped} · il simbolo di controllo non corrisponde: un simbolo è sbagliato</translation>
    </message>
    <message>
        <source>{grouped} · check symbol correct</source>
        <translation>{grouped} · simbolo di controllo corretto</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Desk settings</source>
        <translation>Impostazioni della postazione</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>As the workstation (system)</source>
        <translation>Come la postazione (sistema)</translation>
    </message>
    <message>
        <source>Play a sound for each verdict</source>
        <translation>Emetti un suono per ogni esito</translation>
    </message>
    <message>
        <source>Scanner prefix</source>
        <translation>Prefisso dello scanner</translation>
    </message>
    <message>
        <source>Scanner suffix</source>
        <translation>Suffisso dello scanner</translation>
    </message>
    <message>
        <source>Auto-lock minutes</source>
        <translation>Minuti di blocco automatico</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <source>A new language shows the next time the desk starts.</source>
        <translation>Una nuova lingua compare al prossimo avvio della postazione.</translation>
    </message>
    <message>
        <source>&amp;Sounds</source>
        <translation>&amp;Suoni</translation>
    </message>
    <message>
        <source>Scanner &amp;prefix</source>
        <translation>&amp;Prefisso dello scanner</translation>
    </message>
    <message>
        <source>Scanner s&amp;uffix</source>
        <translation>S&amp;uffisso dello scanner</translation>
    </message>
    <message>
        <source>&amp;Auto-lock after</source>
        <translation>&amp;Blocco automatico dopo</translation>
    </message>
    <message>
        <source>The facility allows {low} to {high} minutes.</source>
        <translation>La struttura consente da {low} a {high} minuti.</translation>
    </message>
    <message>
        <source>Set by the environment or the command line.</source>
        <translation>Impostato dall&apos;ambiente o dalla riga di comando.</translation>
    </message>
</context>
<context>
    <name>ShiftLists</name>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Attesi</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Da verificare</translation>
    </message>
    <message numerus="yes">
        <source>Needs attention (%n)</source>
        <translation>
            <numerusform>Da verificare (%n)</numerusform>
            <numerusform>Da verificare (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShipmentPanel</name>
    <message>
        <source>Shipment</source>
        <translation>Spedizione</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Colli</translation>
    </message>
    <message>
        <source>No shipment yet</source>
        <translation>Ancora nessuna spedizione</translation>
    </message>
    <message>
        <source>The order of the next scanned package shows here.</source>
        <translation>Qui compare l&apos;ordine del prossimo collo scansionato.</translation>
    </message>
    <message>
        <source>Order {order} for {recipient}</source>
        <translation>Ordine {order} per {recipient}</translation>
    </message>
    <message>
        <source>No packages are known for this order yet.</source>
        <translation>Per questo ordine non sono ancora noti colli.</translation>
    </message>
    <message>
        <source>Its only package is received.</source>
        <translation>Il suo unico collo è ricevuto.</translation>
    </message>
    <message>
        <source>Its only package is still expected.</source>
        <translation>Il suo unico collo è ancora atteso.</translation>
    </message>
    <message>
        <source>All {n} packages received.</source>
        <translation>Tutti i {n} colli ricevuti.</translation>
    </message>
    <message numerus="yes">
        <source>{k} of {n} packages received; %n still expected.</source>
        <translation>
            <numerusform>{k} di {n} colli ricevuti; %n ancora atteso.</numerusform>
            <numerusform>{k} di {n} colli ricevuti; %n ancora attesi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Package {k} of {n}</source>
        <translation>Collo {k} di {n}</translation>
    </message>
    <message>
        <source>Shipment {f}, {package}</source>
        <translation>Spedizione {f}, {package}</translation>
    </message>
    <message>
        <source> — received now</source>
        <translation> — ricevuto ora</translation>
    </message>
    <message>
        <source>dd MMM HH:mm</source>
        <translation>dd MMM HH:mm</translation>
    </message>
    <message>
        <source> — received {when} by {who}</source>
        <translation> — ricevuto {when} da {who}</translation>
    </message>
    <message>
        <source> — shipment cancelled</source>
        <translation> — spedizione annullata</translation>
    </message>
    <message>
        <source> — still expected</source>
        <translation> — ancora atteso</translation>
    </message>
    <message>
        <source> (just scanned)</source>
        <translation> (appena scansionato)</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The local store is damaged</source>
        <translation>L&apos;archivio locale è danneggiato</translation>
    </message>
    <message>
        <source>Start fresh: the old file is renamed to {moved_to} in the same folder and kept for support; the desk starts with an empty queue. Quit: nothing is changed.</source>
        <translation>Ricomincia: il vecchio file viene rinominato in {moved_to} nella stessa cartella e conservato per l&apos;assistenza; la postazione parte con la coda vuota. Esci: non cambia nulla.</translation>
    </message>
    <message>
        <source>&amp;Start fresh</source>
        <translation>&amp;Ricomincia</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>Start fresh</source>
        <translation>Ricomincia</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Esci</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Collo</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condizione</translation>
    </message>
    <message>
        <source>Scanned by</source>
        <translation>Scansionato da</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Deroga</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>VerdictBanner</name>
    <message>
        <source>Verdict</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Keyboard layout: {hint}</source>
        <translation>Disposizione della tastiera: {hint}</translation>
    </message>
    <message>
        <source>Ready to scan</source>
        <translation>Pronto per la scansione</translation>
    </message>
    <message>
        <source>Scan the label on the package, or type its token and press Enter.</source>
        <translation>Scansiona l&apos;etichetta sul collo, oppure digitane il codice e premi Invio.</translation>
    </message>
</context>
</TS>
