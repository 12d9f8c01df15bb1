// The demo page: plain JavaScript over the compiled TypeScript client (no build step in the browser).
import { ConflictError, createClient } from './client/index.js';

const el = (testId) => document.querySelector(`[data-testid="${testId}"]`);
const token = document.getElementById('token');
token.value = sessionStorage.getItem('llmstream.token') ?? '';
token.addEventListener('change', () => sessionStorage.setItem('llmstream.token', token.value.trim()));
const client = createClient({
  baseUrl: document.querySelector('meta[name="llmstream-api"]').content,
  getToken: () => token.value.trim() || undefined,
});

let dialogue = null; // { kind: 'thread' | 'chat', id }
let current = null; // the AnswerStream being shown

function notice(message) {
  el('notice').textContent = message;
}

function setStatus(state, detail) {
  const status = el('status');
  status.dataset.state = state;
  status.textContent = detail ? `${state}: ${detail}` : state;
  const live = state === 'streaming' || state === 'paused';
  el('stop').disabled = !live;
  el('pause').disabled = state !== 'streaming';
  el('resume').disabled = state !== 'paused';
  el('answer').setAttribute('aria-busy', String(live));
}

function renderCitations(citations) {
  const list = el('citations');
  list.replaceChildren(...(citations ?? []).map((citation) => {
    const item = document.createElement('li');
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = citation.metadata?.title || citation.metadata?.documentId || citation.id;
    const score = document.createElement('span');
    score.className = 'score';
    score.textContent = ` (score ${Number(citation.score).toFixed(2)})`;
    const passage = document.createElement('span');
    passage.className = 'passage';
    passage.textContent = citation.content;
    item.append(title, score, passage);
    return item;
  }));
}

function addToHistory(role, text) {
  const item = document.createElement('li');
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = role === 'user' ? 'You: ' : 'Answer: ';
  item.append(who, document.createTextNode(text));
  el('history').append(item);
}

function showDialogue(next) {
  dialogue = next;
  el('dialogue-label').textContent = next ? `${next.kind} ${next.id}` : '(none yet: sending starts one)';
  history.replaceState(null, '', next ? `#${next.kind}=${next.id}` : location.pathname);
}

function clearAnswer() {
  el('answer').textContent = '';
  renderCitations([]);
}

/** Shows a stream's events as they arrive; the `done` text replaces the pieces (it is the stored answer). */
async function follow(stream) {
  current?.abort();
  current = stream;
  setStatus('streaming');
  speak(stream);
  const answer = el('answer');
  try {
    for await (const event of stream) {
      switch (event.type) {
        case 'chunk': answer.textContent += event.content; break;
        case 'paused': setStatus('paused'); break;
        case 'resumed': setStatus('streaming'); break;
        case 'done':
          answer.textContent = event.content;
          renderCitations(event.citations);
          setStatus(event.status === 'stopped' ? 'stopped' : 'complete');
          break;
        case 'error': setStatus('failed', event.message); break;
      }
    }
  } catch (error) {
    setStatus('failed', error.message);
  } finally {
    if (current === stream) current = null;
  }
}

function speak(stream) {
  const audio = el('audio');
  if (!el('speak').checked || dialogue?.kind !== 'thread') return;
  audio.src = client.audioUrl(stream.streamId, stream.lastEventId);
  audio.play().catch((error) => notice(`cannot speak: ${error.message}`));
}

async function newDialogue() {
  const role = el('character-select').value;
  if (role) {
    const thread = await client.createConversation(role);
    showDialogue({ kind: 'thread', id: thread.thread_id });
  } else {
    const chat = await client.createChat({ title: 'Demo chat' });
    showDialogue({ kind: 'chat', id: chat.chat_id });
  }
  el('history').replaceChildren();
  clearAnswer();
  setStatus('idle');
}

async function send(text) {
  if (!dialogue) await newDialogue();
  const previous = el('answer').textContent;
  if (previous) addToHistory('assistant', previous);
  addToHistory('user', text);
  clearAnswer();
  let stream;
  try {
    stream = dialogue.kind === 'thread'
      ? await client.streamConversation(dialogue.id, text, { searchToolConfig: { strategy: 'single_stage', top_k: 4 } })
      : await client.streamChat(dialogue.id, text);
  } catch (error) {
    if (error instanceof ConflictError && error.streamId) {
      notice('an answer is still running in this dialogue: showing it');
      stream = await client.resume(error.streamId, 0);
    } else {
      throw error;
    }
  }
  await follow(stream);
}

/** After a reload: the stored messages, then the running answer (if any) from its first event. */
async function open(next) {
  const read = next.kind === 'thread' ? await client.getConversation(next.id) : await client.getChat(next.id);
  showDialogue(next);
  if (next.kind === 'thread') el('character-select').value = read.role;
  const messages = [...read.messages];
  const last = !read.active_stream && messages.at(-1)?.role === 'assistant' ? messages.pop() : null;
  el('history').replaceChildren();
  messages.forEach((message) => addToHistory(message.role, message.content));
  clearAnswer();
  if (read.active_stream) {
    await follow(await client.resume(read.active_stream.stream_id, 0));
  } else if (last) {
    el('answer').textContent = last.content;
    renderCitations(last.citations);
    setStatus(last.status === 'complete' ? 'complete' : last.status === 'stopped' ? 'stopped' : 'failed',
      last.status === 'complete' || last.status === 'stopped' ? undefined : last.error_code ?? last.status);
  }
}

async function loadCharacters(selected) {
  const select = el('character-select');
  const characters = await client.listCharacters();
  select.replaceChildren(new Option('Plain chat (no character)', ''),
    ...characters.map((character) => new Option(character.agent ? `${character.role} (${character.agent})` : character.role, character.role)));
  if (selected !== undefined) select.value = selected;
}

function guarded(action) {
  return async (event) => {
    event?.preventDefault();
    notice('');
    try {
      await action(event);
    } catch (error) {
      notice(error.message);
    }
  };
}

document.getElementById('message-form').addEventListener('submit', guarded(async () => {
  const input = el('message-input');
  const text = input.value.trim();
  if (!text) return;
  if (current) throw new Error('an answer is still streaming: wait for it, or stop it first');
  input.value = '';
  await send(text);
}));
el('message-input').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    el('send').click();
  }
});
document.getElementById('character-form').addEventListener('submit', guarded(async () => {
  const role = el('new-character-role').value.trim();
  await client.createCharacter({ role, system_prompt: el('new-character-prompt').value });
  await loadCharacters(role);
  el('new-character-role').value = '';
  notice(`character ${role} created: add documents, then start a conversation`);
}));
document.getElementById('upload-form').addEventListener('submit', guarded(async () => {
  const role = el('character-select').value;
  const file = el('document-file').files[0];
  if (!role) throw new Error('pick or create a character first: documents belong to a character');
  const stored = await client.uploadArtifact(role, file, file.name);
  notice(`added “${stored.title}” to ${role} (${stored.chunks} passages)`);
}));
el('new-conversation').addEventListener('click', guarded(newDialogue));
el('stop').addEventListener('click', guarded(() => current?.stop()));
el('pause').addEventListener('click', guarded(() => current?.pause()));
el('resume').addEventListener('click', guarded(() => current?.resume()));

guarded(async () => {
  await loadCharacters();
  const match = /^#(thread|chat)=([0-9a-f-]{36})$/.exec(location.hash);
  if (match) await open({ kind: match[1], id: match[2] });
})();
