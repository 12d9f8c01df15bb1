// Starts the real server jar on a free loopback port with a fresh data directory (embedded database and index) and
// the offline provider, for the client's and the browser's tests. Node's test runner calls stop() in `after`.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const jar = process.env.LLMSTREAM_JAR ?? join(repository, 'streaming-app', 'target', 'streaming-app.jar');

/** Why the jar cannot be used, or undefined when it can; with CI=true a missing jar fails instead of skipping. */
export function missingJar() {
  if (existsSync(jar)) return undefined;
  const message = `${jar} is missing: build it first (./mvnw -q -DskipTests package)`;
  if (process.env.CI === 'true') throw new Error(message);
  return message;
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** An HS256 token for `AUTH_JWT_SECRET`. */
export function jwt(secret, subject, secondsValid = 3600) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: subject, exp: Math.floor(Date.now() / 1000) + secondsValid })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/**
 * Starts the jar and waits until /health/ready answers; `env` adds configuration (e.g. AUTH_JWT_SECRET).
 * Returns { origin, api, stop }.
 */
export async function startApp(env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'llmstream-client-test-'));
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) =>
    !/^(OPENAI|ANTHROPIC|OLLAMA|LLM|AUTH|DB|RAG|TTS|API|HTTP|STREAM|CORS|RATE)_/.test(key)));
  const log = [];
  const child = spawn(java, ['-jar', jar], {
    env: { ...inherited, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => { log.push(chunk.toString()); if (log.length > 200) log.shift(); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) => child.once('exit', done));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      if ((await fetch(`${origin}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not get ready within 120 s:\n${log.join('')}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    origin,
    api: `${origin}/api`,
    log: () => log.join(''),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A knowledge base document whose passages make the offline provider's answer stream for a few seconds. */
export const GLOSSARY = `# Künstliche Intelligenz

Künstliche Intelligenz (KI) bezeichnet Systeme, die Aufgaben lösen, für die sonst menschliche Intelligenz nötig ist:
Sprache verstehen, Bilder erkennen, planen und aus Erfahrung lernen. Man unterscheidet schwache KI, die eine einzelne
Aufgabe gut beherrscht, von der bisher hypothetischen starken KI, die wie ein Mensch beliebige Probleme angehen könnte.
Heutige Anwendungen reichen von Übersetzungsprogrammen über Sprachassistenten bis zur Erkennung von Tumoren auf
Röntgenbildern, und fast alle beruhen auf Verfahren des maschinellen Lernens.

# Maschinelles Lernen

Maschinelles Lernen ist ein Teilgebiet der KI: Modelle lernen Muster aus Daten, statt dass jede Regel von Hand
geschrieben wird. Beim überwachten Lernen sind die richtigen Antworten der Trainingsdaten bekannt, beim unüberwachten
Lernen sucht das Verfahren selbst nach Gruppen und Strukturen. Eine Verlustfunktion misst, wie weit die Vorhersagen
danebenliegen, und ein Optimierungsverfahren passt die Parameter des Modells Schritt für Schritt so an, dass dieser
Fehler kleiner wird. Entscheidend ist, dass das Modell auch auf neuen Daten gut abschneidet.

# Neuronale Netze

Neuronale Netze bestehen aus Schichten künstlicher Neuronen, die gewichtete Eingaben summieren und durch eine
nichtlineare Funktion weitergeben. Tiefe Netze mit vielen Schichten heißen Deep Learning; sie lernen aus großen
Datenmengen selbst, welche Merkmale wichtig sind, etwa Kanten und Formen in Bildern. Trainiert werden sie mit
Backpropagation: Der Fehler am Ausgang wird rückwärts durch das Netz verteilt, und jedes Gewicht wird ein wenig in die
Richtung verändert, die den Fehler verringert.

# Sprachmodelle

Große Sprachmodelle sagen das nächste Wort eines Textes voraus. Mit Milliarden Parametern und riesigen Textsammlungen
trainiert, können sie Fragen beantworten, Texte zusammenfassen, übersetzen und Programme schreiben. Sie arbeiten mit
Tokens, also Wortteilen, und verarbeiten den bisherigen Text mit dem Transformer-Mechanismus der Aufmerksamkeit.
Weil sie nur wahrscheinliche Fortsetzungen erzeugen, können sie überzeugend klingende, aber falsche Aussagen machen;
man spricht dann von Halluzinationen.

# Retrieval

Retrieval-Augmented Generation sucht zuerst passende Passagen in einer Wissensbasis und gibt sie dem Sprachmodell
zusammen mit der Frage. So beruht die Antwort auf belegten Quellen, die sich als Zitate anzeigen lassen, und neues
Wissen muss nicht erst in das Modell hineintrainiert werden. Die Suche verbindet oft eine schnelle Stichwortsuche wie
BM25 mit Vektoren eines Embedding-Modells, und eine zweite Stufe ordnet die besten Kandidaten noch einmal genauer.
`;
