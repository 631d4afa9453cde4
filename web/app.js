import { explain } from './problems.js';

const GS = '\x1d';
const DISCREPANCIES = {
  missing: 'Manquant',
  extra: 'En trop',
  wrong_batch: 'Boîte d’un autre lot',
  duplicate_scan: 'Boîte scannée deux fois',
  unknown_code: 'Code illisible',
  missing_separator: 'Séparateur manquant : scannez la boîte à nouveau',
  expiry_mismatch: 'Péremption du code différente de celle du lot',
};
const app = document.getElementById('app');
const message = document.getElementById('message');
const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function session() {
  const token = localStorage.getItem('token');
  if (!token) return null;
  try {
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return { token, ...claims };
  } catch {
    return null;
  }
}

function say(text, kind = 'ok') {
  message.textContent = text;
  message.className = kind;
  message.hidden = false;
}

/** Calls the API; a refusal is shown in words and thrown. */
async function api(method, path, body) {
  const me = session();
  const response = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', ...(me ? { authorization: `Bearer ${me.token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    say(explain(data ?? { detail: response.statusText }), 'error');
    throw Object.assign(new Error('refused'), { problem: data });
  }
  return data;
}

/** What a scan says (DataMatrix or GS1 Digital Link), read by the server as the receipt will read it; null when unreadable. */
const readScan = (scan) => api('POST', '/v1/scans/read', { scan }).catch(() => null);

const pages = {
  async connexion() {
    let actors = [];
    try {
      actors = await fetch('/v1/demo/actors').then((r) => (r.ok ? r.json() : []));
    } catch {
      actors = [];
    }
    app.innerHTML = `
      <section><h2>Connexion</h2>
        <p>Collez votre jeton d’accès :</p>
        <textarea id="token" rows="3" cols="80" aria-label="Jeton"></textarea><br/>
        <button id="login">Se connecter</button>
      </section>
      ${
        actors.length
          ? `<section class="actors"><h2>Acteurs de démonstration</h2>${actors
              .map((a, i) => `<button data-actor="${i}">${esc(a.label)}</button>`)
              .join('')}</section>`
          : ''
      }`;
    const enter = (token) => {
      localStorage.setItem('token', token);
      const me = session();
      location.hash =
        me?.role === 'pharmacist'
          ? '#/pharmacie'
          : me?.role === 'supplier'
            ? '#/fournisseur'
            : me?.role === 'ansm'
              ? '#/auditeur'
              : me?.role === 'prescriber'
                ? '#/prescripteur'
                : '#/';
    };
    document.getElementById('login').onclick = () => enter(document.getElementById('token').value.trim());
    app
      .querySelectorAll('[data-actor]')
      .forEach((b) => (b.onclick = () => enter(actors[Number(b.dataset.actor)].token)));
  },

  async pharmacie() {
    const me = session();
    const incoming = await api('GET', `/v1/sites/${me.org}/shipments?status=in_transit`);
    const stock = await api('GET', `/v1/sites/${me.org}/stock`);
    const register = await api('GET', `/v1/sites/${me.org}/register`);
    app.innerHTML = `
      <section><h2>Livraisons attendues</h2>
        ${
          incoming.length
            ? `<table><tr><th>Livraison</th><th>Expéditeur</th><th>Lots</th><th></th></tr>${incoming
                .map(
                  (
                    s,
                  ) => `<tr><td>${esc(s.shipmentId)}</td><td>${esc(s.from)}</td><td>${s.lines.map((l) => `${esc(l.lot)} × ${l.quantity}`).join(', ')}</td>
            <td><button data-receive="${esc(s.shipmentId)}">Réceptionner</button></td></tr>`,
                )
                .join('')}</table>`
            : '<p>Aucune livraison en cours.</p>'
        }
      </section>
      <section id="reception" hidden></section>
      <section><h2>Délivrance</h2>
        <label>Ordonnance <input id="rx" placeholder="N° d’ordonnance sécurisée" /></label>
        <label>Boîte <input id="dispense-scan" placeholder="Scanner la boîte" size="50" /></label>
        <button id="dispense">Délivrer</button>
        <p id="dispensed"></p>
      </section>
      <section><h2>Stock</h2><table id="stock"><tr><th>GTIN</th><th>Lot</th><th>Boîtes</th></tr>${stock
        .map((l) => `<tr><td>${esc(l.gtin)}</td><td>${esc(l.lot)}</td><td>${l.quantity}</td></tr>`)
        .join('')}</table></section>
      <section><h2>Registre des stupéfiants</h2><table><tr><th>Date</th><th>Mouvement</th><th>Lot</th><th>Quantité</th><th>Solde</th></tr>${register
        .map(
          (e) =>
            `<tr><td>${esc(e.occurredAt.slice(0, 10))}</td><td>${esc(e.movement)}</td><td>${esc(e.lot)}</td><td>${e.direction === 'exit' ? '−' : '+'}${e.quantity}</td><td>${e.balance}</td></tr>`,
        )
        .join('')}</table></section>`;
    app
      .querySelectorAll('[data-receive]')
      .forEach((b) => (b.onclick = () => receive(incoming.find((s) => s.shipmentId === b.dataset.receive))));
    const scanField = document.getElementById('dispense-scan');
    const dispense = async () => {
      const result = await api('POST', '/v1/dispensations', {
        prescriptionId: document.getElementById('rx').value.trim(),
        quantity: 1,
        scan: scanField.value.replaceAll('|', GS),
      });
      document.getElementById('dispensed').textContent = `Délivrance enregistrée (${result.dispensationId}).`;
      say('Boîte délivrée.');
      scanField.value = '';
    };
    document.getElementById('dispense').onclick = () => dispense().catch(() => undefined);
    scanField.onkeydown = (e) => e.key === 'Enter' && dispense().catch(() => undefined);
  },

  async fournisseur() {
    const batches = await api('GET', '/v1/batches');
    app.innerHTML = `
      <section><h2>Lots</h2><table><tr><th>GTIN</th><th>Lot</th><th>Boîtes</th><th>Conforme</th><th>Libéré</th><th>Consigné</th><th>Rappelé</th></tr>${batches
        .map(
          (b) =>
            `<tr><td>${esc(b.gtin)}</td><td>${esc(b.lot)}</td><td>${b.quantity}</td><td>${b.conformant === null ? '—' : b.conformant ? 'oui' : 'non'}</td><td>${b.released ? 'oui' : 'non'}</td><td>${b.onHold ? 'oui' : 'non'}</td><td>${b.recalled ? 'oui' : 'non'}</td></tr>`,
        )
        .join('')}</table></section>
      <section><h2>Enregistrer un lot</h2>
        <input id="b-gtin" placeholder="GTIN" /> <input id="b-lot" placeholder="Lot" /> <input id="b-qty" type="number" placeholder="Boîtes" />
        <input id="b-made" type="date" /> <input id="b-exp" type="date" /> <button id="register">Enregistrer</button>
      </section>
      <section><h2>Certificat d’analyse</h2>
        <input id="a-gtin" placeholder="GTIN" /> <input id="a-lot" placeholder="Lot" /> <input id="a-thc" placeholder="THC" /> <input id="a-cbd" placeholder="CBD" />
        <input id="a-lead" placeholder="Plomb (ppm)" /> <button id="analyse">Enregistrer l’analyse</button>
        <ul id="failures"></ul>
      </section>`;
    const value = (id) => document.getElementById(id).value.trim();
    document.getElementById('register').onclick = async () => {
      const lot = value('b-lot');
      try {
        await api('POST', '/v1/batches', {
          gtin: value('b-gtin'),
          lot,
          quantity: Number(value('b-qty')),
          manufacturedOn: value('b-made'),
          expiresOn: value('b-exp'),
        });
      } catch {
        return;
      }
      // The list is a read model, updated just after the command: wait a moment for it before redrawing.
      for (let i = 0; i < 30 && !(await api('GET', '/v1/batches')).some((b) => b.lot === lot); i++)
        await new Promise((r) => setTimeout(r, 100));
      await route();
      say(`Lot ${lot} enregistré.`);
    };
    document.getElementById('analyse').onclick = () =>
      api('POST', `/v1/batches/${value('a-gtin')}/${encodeURIComponent(value('a-lot'))}/analyses`, {
        laboratory: 'Laboratoire',
        sampledOn: new Date().toISOString().slice(0, 10),
        certificateSha256: '0'.repeat(64),
        results: {
          thc: Number(value('a-thc')),
          cbd: Number(value('a-cbd')),
          ...(value('a-lead') ? { lead: Number(value('a-lead')) } : {}),
        },
      })
        .then((r) => {
          say(r.conformant ? 'Analyse conforme.' : 'Analyse non conforme.', r.conformant ? 'ok' : 'error');
          document.getElementById('failures').innerHTML = r.failures
            .map((f) => `<li>${esc(f.analyte)} : ${f.value ?? 'non mesuré'} (limite ${f.limit}, ${esc(f.rule)})</li>`)
            .join('');
        })
        .catch(() => undefined);
  },

  async prescripteur() {
    const indications = await api('GET', '/v1/indications');
    // The same key until an answer comes: a retry after a lost answer includes the patient once and gets the same
    // pseudonym back. A new key once answered, since a corrected form is another request.
    let key = crypto.randomUUID();
    app.innerHTML = `
      <section><h2>Inclure un patient</h2>
        <p>cannatrace attribue le pseudonyme du patient : ne saisissez ni nom, ni date de naissance, ni NIR.</p>
        <label>Indication <select id="indication">${indications
          .map((i) => `<option value="${esc(i.indication)}">${esc(i.indication)} (${i.included}/${i.cap})</option>`)
          .join('')}</select></label>
        <label>Date d’inclusion <input id="included-on" type="date" value="${new Date().toISOString().slice(0, 10)}" /></label>
        <label><input id="consent" type="checkbox" /> Le patient a donné son consentement</label>
        <button id="include">Inclure le patient</button>
        <p id="included"></p>
      </section>`;
    document.getElementById('include').onclick = async () => {
      const response = await fetch('/v1/patients', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${session().token}`,
          'idempotency-key': key,
        },
        body: JSON.stringify({
          indication: document.getElementById('indication').value,
          includedOn: document.getElementById('included-on').value,
          consent: document.getElementById('consent').checked,
        }),
      });
      key = crypto.randomUUID();
      const result = await response.json().catch(() => ({}));
      if (!response.ok) return say(explain(result), 'error');
      document.getElementById('included').innerHTML =
        `Patient inclus. Pseudonyme attribué : <strong id="pseudonym">${esc(result.patientId)}</strong> · attestation ${esc(result.attestationNumber)}. Reportez ce pseudonyme sur l’ordonnance.`;
      say('Patient inclus.');
    };
  },

  async auditeur() {
    app.innerHTML = `
      <section><h2>Trouver un lot</h2>
        <input id="gtin" placeholder="GTIN" value="03400930000014" /> <input id="lot" placeholder="Lot" />
        <label>État au <input id="asof" type="datetime-local" /></label>
        <button id="find">Afficher</button> <button id="verify">Vérifier l’intégrité</button>
        <p id="verified"></p>
      </section>
      <section id="batch" hidden></section>
      <section><h2>En direct</h2><ol id="live" reversed></ol></section>`;
    followEvents(document.getElementById('live'));
    document.getElementById('find').onclick = () => showBatch().catch(() => undefined);
    document.getElementById('verify').onclick = () =>
      api('GET', '/v1/audit/verify').then((r) => {
        document.getElementById('verified').textContent = r.ok
          ? `Intégrité vérifiée : ${r.checkedEvents} événements, aucune altération (${r.sealing?.sealedEvents ?? 0} scellés).`
          : `Altération : ${r.broken.length} flux, ${r.problems?.length ?? 0} points de scellement !`;
      });
  },
};

async function receive(shipment) {
  const section = document.getElementById('reception');
  section.hidden = false;
  const scans = [];
  section.innerHTML = `<h2>Réception de ${esc(shipment.shipmentId)}</h2>
    <input id="scan" placeholder="Scannez chaque boîte (DataMatrix ou QR code) puis Entrée (| pour le séparateur GS)" size="60" aria-label="Scan" />
    <table id="counts"></table><button id="confirm">Valider la réception</button><ul id="discrepancies"></ul>`;
  const draw = () => {
    const counted = new Map();
    const serials = new Set();
    let reading = 0;
    let unreadable = 0;
    let twice = 0;
    for (const { pack } of scans) {
      const lot = pack?.lot ?? '';
      if (pack === undefined) reading += 1;
      else if (!pack) unreadable += 1;
      else if (pack.serial && serials.has(`${lot}|${pack.serial}`)) twice += 1;
      else {
        if (pack.serial) serials.add(`${lot}|${pack.serial}`);
        counted.set(lot, (counted.get(lot) ?? 0) + 1);
      }
    }
    const lots = new Set([...shipment.lines.map((l) => l.lot), ...counted.keys()]);
    document.getElementById('counts').innerHTML = `<tr><th>Lot</th><th>Expédié</th><th>Scanné</th></tr>${[...lots]
      .map((lot) => {
        const shipped = shipment.lines.find((l) => l.lot === lot)?.quantity ?? 0;
        const scanned = counted.get(lot) ?? 0;
        return `<tr class="${scanned === shipped ? 'good' : 'bad'}" data-lot="${esc(lot)}"><td>${esc(lot)}</td><td>${shipped}</td><td>${scanned}</td></tr>`;
      })
      .join('')}${reading ? `<tr class="reading"><td>en lecture</td><td></td><td>${reading}</td></tr>` : ''}${
      unreadable ? `<tr class="bad"><td>illisibles</td><td></td><td>${unreadable}</td></tr>` : ''
    }${twice ? `<tr class="bad"><td>scannées deux fois</td><td></td><td>${twice}</td></tr>` : ''}`;
  };
  draw();
  const field = document.getElementById('scan');
  field.focus();
  field.onkeydown = (e) => {
    if (e.key !== 'Enter' || !field.value) return;
    const entry = { scan: field.value.replaceAll('|', GS), pack: undefined };
    scans.push(entry);
    field.value = '';
    draw();
    readScan(entry.scan).then((pack) => {
      entry.pack = pack;
      draw();
    });
  };
  document.getElementById('confirm').onclick = () =>
    api('POST', `/v1/shipments/${encodeURIComponent(shipment.shipmentId)}/receipt`, {
      scans: scans.map((entry) => entry.scan),
    })
      .then((r) => {
        say(
          `Réception enregistrée : ${r.accepted.map((l) => `${l.lot} × ${l.quantity}`).join(', ') || 'aucune boîte acceptée'}.`,
          r.discrepancies.length ? 'error' : 'ok',
        );
        document.getElementById('discrepancies').innerHTML = r.discrepancies
          .map((d) => {
            const counts = d.shipped === undefined ? '' : ` (expédié ${d.shipped}, reçu ${d.received})`;
            return `<li class="bad" data-kind="${esc(d.kind)}">${esc(DISCREPANCIES[d.kind] ?? d.kind)} · ${esc(d.lot ?? d.scan ?? '')}${esc(d.serial ? ` n° ${d.serial}` : '')}${counts}</li>`;
          })
          .join('');
      })
      .catch(() => undefined);
}

async function showBatch() {
  const gtin = document.getElementById('gtin').value.trim();
  const lot = document.getElementById('lot').value.trim();
  const asOf = document.getElementById('asof').value;
  const query = asOf ? `?asOf=${encodeURIComponent(new Date(asOf).toISOString())}` : '';
  const history = await api('GET', `/v1/audit/batches/${gtin}/${encodeURIComponent(lot)}/history${query}`);
  const trace = await api('GET', `/v1/trace/batches/${gtin}/${encodeURIComponent(lot)}`);
  const section = document.getElementById('batch');
  section.hidden = false;
  const state = history.state;
  section.innerHTML = `<h2>Lot ${esc(lot)}</h2>
    <p id="state">${state ? `Libéré : ${state.released ? 'oui' : 'non'} · Consigné : ${state.onHold ? 'oui' : 'non'} · Rappelé : ${state.recalled ? 'oui' : 'non'}` : 'Lot inexistant à cette date.'}</p>
    <div id="graph"></div>
    <h3>Chronologie</h3><ol id="timeline">${history.events.map((e) => `<li>${esc(e.recordedAt.slice(0, 19))} · ${esc(e.type)} · ${esc(e.actor.organisation)}</li>`).join('')}</ol>
    <button class="danger" id="recall">Rappeler ce lot</button><ul id="impact"></ul>
    <div id="recall-progress"></div>`;
  drawJourney(trace, history);
  await showRecall(gtin, lot);
  document.getElementById('recall').onclick = () =>
    api('POST', `/v1/batches/${gtin}/${encodeURIComponent(lot)}/recall`, {
      reason: 'Rappel ordonné depuis l’interface',
    })
      .then((r) => {
        say('Rappel enregistré.', 'ok');
        document.getElementById('impact').innerHTML = [
          ...r.impact.sitesHolding.map((s) => `<li>${esc(s.organisationId)} détient encore ${s.onHand} boîte(s)</li>`),
          ...r.impact.patients.map((p) => `<li>Patient ${esc(p)} à contacter</li>`),
        ].join('');
        return showRecall(gtin, lot);
      })
      .catch(() => undefined);
}

/** The recall's follow-through, site by site (GET /v1/batches/{gtin}/{lot}/recall), once the batch is recalled. */
async function showRecall(gtin, lot) {
  const progress = await api('GET', `/v1/batches/${gtin}/${encodeURIComponent(lot)}/recall`);
  const place = document.getElementById('recall-progress');
  if (!progress.recalled) return;
  const yes = (value) => (value === null ? '—' : value);
  place.innerHTML = `<h3>Suivi du rappel ${progress.complete ? '(terminé)' : '(en cours)'}</h3>
    <table><tr><th>Site</th><th>Notifié</th><th>Accusé</th><th>Quarantaine</th><th>Retourné</th><th>En transit</th><th>Détenu</th><th>Terminé</th></tr>
    ${progress.sites
      .map(
        (s) =>
          `<tr><td>${esc(s.organisationId)}</td><td>${yes(s.notified)}</td><td>${s.acknowledgedAt ? esc(s.acknowledgedAt.slice(0, 10)) : 'non'}</td><td>${yes(s.quarantined)}</td><td>${s.returned}</td><td>${s.returnsInTransit}</td><td>${s.onHand}</td><td>${s.complete ? 'oui' : 'non'}</td></tr>`,
      )
      .join('')}</table>`;
}

/** The events the signed-in organisation may see, live (GET /v1/events/stream, read with fetch: it needs the token). */
let following;
async function followEvents(list) {
  following?.abort();
  const me = session();
  if (!me) return;
  following = new AbortController();
  try {
    const response = await fetch('/v1/events/stream', {
      headers: { authorization: `Bearer ${me.token}`, accept: 'text/event-stream' },
      signal: following.signal,
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((line) => line.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const event = JSON.parse(data.slice('data: '.length));
        list.insertAdjacentHTML(
          'afterbegin',
          `<li>${esc(event.recordedAt.slice(11, 19))} · ${esc(event.type)} · ${esc(event.organisation)}</li>`,
        );
        while (list.children.length > 50) list.lastElementChild.remove();
      }
    }
  } catch {
    // Aborted (another page) or the connection dropped: the feed simply stops.
  }
}

/** The site of a register stream: `register-{site}` before the monthly books, `register-{site}~{YYYY-MM}` since. */
const registerSiteOf = (stream) => stream.slice('register-'.length).split('~')[0];

/** The batch's journey, drawn with Cytoscape: supplier -> exploitant -> pharmacies -> patients, from its history. */
function drawJourney(trace, history) {
  if (!window.cytoscape) return;
  const sites = trace.sites.map((s) => ({
    data: { id: s.organisationId, label: `${s.organisationId} (${s.onHand})` },
  }));
  const patients = trace.patients.map((p) => ({ data: { id: `patient:${p}`, label: p } }));
  const shipped = new Map();
  for (const e of history.events) {
    if (e.type === 'ShipmentDispatched')
      shipped.set(`${registerSiteOf(e.stream)}>${e.data.to}`, { source: registerSiteOf(e.stream), target: e.data.to });
  }
  const dispensed = new Map(
    trace.dispensations.map((d) => [
      `${d.pharmacyId}>${d.patientId}`,
      { source: d.pharmacyId, target: `patient:${d.patientId}` },
    ]),
  );
  const edges = [...shipped.values(), ...dispensed.values()].map((e, i) => ({ data: { id: `e${i}`, ...e } }));
  window.cytoscape({
    container: document.getElementById('graph'),
    elements: [...sites, ...patients, ...edges],
    style: [
      { selector: 'node', style: { label: 'data(label)', 'background-color': '#15803d' } },
      {
        selector: 'edge',
        style: {
          'target-arrow-shape': 'triangle',
          'target-arrow-color': '#6b7280',
          'line-color': '#6b7280',
          'curve-style': 'bezier',
        },
      },
    ],
    layout: { name: 'breadthfirst', directed: true },
  });
}

async function route() {
  message.hidden = true;
  following?.abort();
  const me = session();
  document.getElementById('who').textContent = me ? `${me.role} · ${me.org}` : '';
  document.getElementById('nav').innerHTML = me
    ? `<a href="#/pharmacie">Pharmacie</a><a href="#/fournisseur">Fournisseur</a><a href="#/prescripteur">Prescripteur</a><a href="#/auditeur">Auditeur ANSM</a><a href="#/connexion" id="logout">Changer d’utilisateur</a>`
    : '';
  const page = location.hash.replace('#/', '') || (me ? 'auditeur' : 'connexion');
  await (pages[me ? page : 'connexion'] ?? pages.connexion)().catch(() => undefined);
}

window.addEventListener('hashchange', route);
route();
