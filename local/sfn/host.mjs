// Runs Step Functions state machines (ASL files) locally with aws-local-stepfunctions, every Task
// state calling back into the local runtime's JVM. Started by LocalStepFunctions.java with the
// Node 22 binary of the npm package "node" (local/node_modules/.bin/node):
//
//   node host.mjs <port> --callback http://127.0.0.1:N/task --journal FILE [--time-scale 0.01] [--exit-with-stdin]
//
// Prints "READY <port>" on stdout once listening (port 0 = a free one); logs go to stderr.
//
//   POST /executions             {"name", "definitionPath", "substitutions": {"K": "v"}, "input": {...}}
//                                -> 200 {"executionArn", "startDate"}; the same name with the same input
//                                   (while this host knows it) -> the same answer, nothing new started;
//                                   another input -> 409 {"__type": "ExecutionAlreadyExists", "message"}
//   GET  /executions/{name}      -> {"name", "executionArn", "status", "startDate", "stopDate"?, "input",
//                                   "output"?, "error"?, "cause"?}   (404 ExecutionDoesNotExist)
//   GET  /executions             -> {"executions": [ same, without input/output ]}
//   POST /executions/{name}/stop -> aborts a RUNNING execution (status ABORTED)
//
// Task states: "arn:aws:states:::lambda:invoke" POSTs the effective input's Payload to --callback and
// answers {"ExecutedVersion": "$LATEST", "Payload": <answer>, "StatusCode": 200}; a plain Lambda ARN
// POSTs the whole input and answers the answer itself. A non-200 answer {"errorType", "errorMessage"}
// fails the state with the error named errorType (what Retry/Catch ErrorEquals match) and, as in AWS,
// a Cause that is the JSON {"errorMessage", "errorType"}; the callback being unreachable fails it with
// Lambda.ServiceException. Any other Task resource is refused when the execution is started.
//
// Journal (--journal, JSON lines, appended): {"name", "input", "status": "RUNNING", ...} when an
// execution starts and {"name", "input", "status": SUCCEEDED|FAILED|ABORTED|TIMED_OUT, ...} when it
// ends, so that whoever starts the next host can tell which executions a dead one never finished.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { StateMachine, ExecutionError, ExecutionAbortedError, ExecutionTimeoutError } from 'aws-local-stepfunctions';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;
// AWS's default Task timeout is 99999999 s; the library's is 60 s. setTimeout takes at most 2^31-1 ms.
const NO_TASK_TIMEOUT_SECONDS = 2147483;

// --- command line ------------------------------------------------------------------------------------
function parseArgs(argv) {
  const opts = { port: null, callback: null, journal: null, timeScale: 1, exitWithStdin: false };
  const rest = [...argv];
  while (rest.length > 0) {
    const a = rest.shift();
    const value = () => {
      if (rest.length === 0) fail(`${a} needs a value`);
      return rest.shift();
    };
    if (a === '--callback') opts.callback = new URL(value());
    else if (a === '--journal') opts.journal = path.resolve(value());
    else if (a === '--time-scale') opts.timeScale = Number(value());
    else if (a === '--exit-with-stdin') opts.exitWithStdin = true;
    else if (/^\d+$/.test(a) && opts.port === null) opts.port = Number(a);
    else fail(`unknown argument ${a}`);
  }
  if (opts.port === null) fail('the port is missing (0 = any free port)');
  if (!opts.callback) fail('--callback URL is missing');
  if (!opts.journal) fail('--journal FILE is missing');
  if (!(opts.timeScale > 0) || !Number.isFinite(opts.timeScale)) fail('--time-scale must be a number > 0');
  return opts;
}

function fail(message) {
  process.stderr.write(`host.mjs: ${message}\n` +
    'usage: node host.mjs <port> --callback URL --journal FILE [--time-scale X] [--exit-with-stdin]\n');
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));
fs.mkdirSync(path.dirname(opts.journal), { recursive: true });

function log(line) {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
}

function journal(record) {
  // synchronous: a line is on disk before the answer (or the next line) is written
  fs.appendFileSync(opts.journal, JSON.stringify({ time: new Date().toISOString(), ...record }) + '\n');
}

// --- JSON helpers ------------------------------------------------------------------------------------
/** The same JSON value with object keys sorted: two inputs are "the same" whatever their key order. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

class HttpError extends Error {
  constructor(status, type, message) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

// --- definitions -------------------------------------------------------------------------------------
/** DefinitionSubstitutions, as SAM/CloudFormation does it: textual ${Key} replacement. */
function substitute(text, substitutions, definitionPath) {
  const missing = new Set();
  const out = text.replace(/\$\{([A-Za-z0-9_.:-]+)\}/g, (whole, key) => {
    if (Object.prototype.hasOwnProperty.call(substitutions, key)) {
      return JSON.stringify(String(substitutions[key])).slice(1, -1); // inside a JSON string
    }
    missing.add(key);
    return whole;
  });
  if (missing.size > 0) {
    log(`WARNING ${definitionPath}: no substitution for ${[...missing].map((k) => '${' + k + '}').join(', ')} (left as is)`);
  }
  return out;
}

/** Every Task state, in the top level and inside Map (ItemProcessor/Iterator) and Parallel branches. */
function taskStates(machine, found = []) {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    if (state.Type === 'Task') found.push({ name, state });
    if (state.Type === 'Map') taskStates(state.ItemProcessor ?? state.Iterator ?? {}, found);
    if (state.Type === 'Parallel') (state.Branches ?? []).forEach((b) => taskStates(b, found));
  }
  return found;
}

/** Every state with a Retry field and every Wait state, at every level (for --time-scale). */
function allStates(machine, found = []) {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    found.push({ name, state });
    if (state.Type === 'Map') allStates(state.ItemProcessor ?? state.Iterator ?? {}, found);
    if (state.Type === 'Parallel') (state.Branches ?? []).forEach((b) => allStates(b, found));
  }
  return found;
}

function load(definitionPath, substitutions) {
  let text;
  try {
    text = fs.readFileSync(definitionPath, 'utf8');
  } catch (e) {
    throw new HttpError(400, 'StateMachineDoesNotExist', `cannot read ${definitionPath}: ${e.message}`);
  }
  let definition;
  try {
    definition = JSON.parse(substitute(text, substitutions, definitionPath));
  } catch (e) {
    throw new HttpError(400, 'InvalidDefinition', `${definitionPath} is not JSON: ${e.message}`);
  }
  const tasks = taskStates(definition);
  const resources = new Map();
  for (const { name, state } of tasks) {
    const resource = state.Resource;
    if (resource !== LAMBDA_INVOKE && !LAMBDA_ARN.test(resource)) {
      throw new HttpError(400, 'InvalidDefinition', `Task state "${name}": resource ${resource} is not supported locally`
        + ` (only ${LAMBDA_INVOKE} and Lambda function ARNs)`);
    }
    // local handlers are keyed by state name across every level: one name, one resource
    if (resources.has(name) && resources.get(name) !== resource) {
      throw new HttpError(400, 'InvalidDefinition', `two Task states are named "${name}" with different resources`);
    }
    resources.set(name, resource);
    if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
      state.TimeoutSeconds = NO_TASK_TIMEOUT_SECONDS;
    }
  }
  let machine;
  try {
    machine = new StateMachine(definition);
  } catch (e) {
    throw new HttpError(400, 'InvalidDefinition', `${definitionPath}: ${e.message}`);
  }
  return { definition, machine, resources };
}

function timeOverrides(definition) {
  if (opts.timeScale === 1) return {};
  const retryIntervalOverrides = {};
  const waitTimeOverrides = {};
  const ms = (seconds) => Math.max(0, Math.round(seconds * 1000 * opts.timeScale));
  for (const { name, state } of allStates(definition)) {
    if (Array.isArray(state.Retry)) {
      // the library takes one fixed pause per retrier: IntervalSeconds scaled (no backoff, no jitter)
      retryIntervalOverrides[name] = state.Retry.map((r) =>
        ms(Math.min(r.IntervalSeconds ?? 1, r.MaxDelaySeconds ?? Infinity)));
    }
    if (state.Type === 'Wait' && typeof state.Seconds === 'number') {
      waitTimeOverrides[name] = ms(state.Seconds);
    }
  }
  return { retryIntervalOverrides, waitTimeOverrides };
}

// --- Task states: the callback into the JVM ----------------------------------------------------------
/** An error that Retry/Catch match by name: aws-local-stepfunctions compares ErrorEquals with error.name. */
class TaskError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

function callback(payload, headers) {
  const body = Buffer.from(JSON.stringify(payload ?? null), 'utf8');
  return new Promise((resolve, reject) => {
    // node:http, not fetch: fetch gives up on a task that answers after 300 s
    const req = http.request(opts.callback, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (e) => reject(new TaskError('Lambda.ServiceException', `the local task's answer broke off: ${e.message}`)));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (e) => reject(new TaskError('Lambda.ServiceException',
      `cannot reach the local task at ${opts.callback}: ${e.code ?? e.message}`)));
    req.end(body);
  });
}

function parseOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function invoke(payload, record, stateName, functionName) {
  const { status, text } = await callback(payload, {
    'x-local-sfn-execution': encodeURIComponent(record.name),
    'x-local-sfn-state': encodeURIComponent(stateName),
    'x-local-sfn-function': encodeURIComponent(String(functionName ?? '')),
  });
  const answer = text === '' ? null : parseOrNull(text);
  if (status === 200) {
    if (answer === undefined) {
      throw new TaskError('Lambda.Unknown', `the local task answered 200 with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    return answer;
  }
  if (answer && typeof answer === 'object' && typeof answer.errorType === 'string' && answer.errorType !== '') {
    // the Cause AWS gives for a function error: the error payload as a JSON string
    throw new TaskError(answer.errorType, JSON.stringify({ errorMessage: answer.errorMessage ?? null, errorType: answer.errorType,
      ...(answer.stackTrace ? { stackTrace: answer.stackTrace } : {}) }));
  }
  throw new TaskError('Lambda.Unknown', `the local task answered ${status}: ${text.slice(0, 500)}`);
}

function handlers(resources, record) {
  const result = {};
  for (const [stateName, resource] of resources) {
    result[stateName] = resource === LAMBDA_INVOKE
      ? async (input) => ({
        ExecutedVersion: '$LATEST',
        Payload: await invoke(input?.Payload ?? null, record, stateName, input?.FunctionName),
        StatusCode: 200,
      })
      : async (input) => invoke(input, record, stateName, resource);
  }
  return result;
}

// --- executions --------------------------------------------------------------------------------------
const executions = new Map(); // name -> record

function machineName(definitionPath) {
  return path.basename(definitionPath).replace(/\.asl\.json$|\.json$/, '').replace(/[^A-Za-z0-9_-]/g, '-');
}

const FORBIDDEN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

function start(request) {
  const { name, definitionPath, substitutions = {}, input = {} } = request ?? {};
  if (typeof name !== 'string' || name.length < 1 || name.length > 80 || FORBIDDEN_NAME.test(name)) {
    throw new HttpError(400, 'InvalidName', `invalid execution name ${JSON.stringify(name)}: 1 to 80 characters,`
      + ' no whitespace, brackets, wildcards or special characters');
  }
  if (typeof definitionPath !== 'string' || definitionPath === '') {
    throw new HttpError(400, 'InvalidDefinition', 'definitionPath is missing');
  }
  if (substitutions === null || typeof substitutions !== 'object' || Array.isArray(substitutions)) {
    throw new HttpError(400, 'InvalidDefinition', 'substitutions must be an object');
  }
  const inputKey = canonical(input);
  const known = executions.get(name);
  if (known) {
    if (known.inputKey === inputKey) {
      return { executionArn: known.executionArn, startDate: known.startDate };
    }
    throw new HttpError(409, 'ExecutionAlreadyExists',
      `Execution Already Exists: '${known.executionArn}' was started with another input`);
  }
  const { definition, machine, resources } = load(path.resolve(definitionPath), substitutions);
  const machineId = machineName(definitionPath);
  const record = {
    name,
    executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${machineId}:${name}`,
    stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${machineId}`,
    input,
    inputKey,
    status: 'RUNNING',
    startDate: new Date().toISOString(),
  };
  executions.set(name, record);
  journal({ name, input, status: 'RUNNING', executionArn: record.executionArn, definitionPath });
  log(`${name} started (${definitionPath})`);

  const execution = machine.run(input, {
    overrides: { taskResourceLocalHandlers: handlers(resources, record), ...timeOverrides(definition) },
    context: {
      Execution: { Id: record.executionArn, Name: name, RoleArn: `arn:aws:iam::${ACCOUNT}:role/local` },
      StateMachine: { Id: record.stateMachineArn, Name: machineId },
    },
  });
  record.abort = execution.abort;
  logEvents(name, execution.eventLogs);
  execution.result.then(
    (output) => finish(record, 'SUCCEEDED', { output }),
    (e) => {
      if (e instanceof ExecutionAbortedError) finish(record, 'ABORTED', {});
      else if (e instanceof ExecutionTimeoutError) finish(record, 'TIMED_OUT', { error: 'States.Timeout', cause: e.message });
      else if (e instanceof ExecutionError && e.cause) finish(record, 'FAILED', { error: e.cause.name, cause: e.cause.message });
      else finish(record, 'FAILED', { error: e?.name ?? 'Error', cause: e?.message ?? String(e) });
    });
  return { executionArn: record.executionArn, startDate: record.startDate };
}

function finish(record, status, { output, error, cause }) {
  if (record.status !== 'RUNNING') return;
  Object.assign(record, { status, stopDate: new Date().toISOString() });
  if (output !== undefined) record.output = output;
  if (error !== undefined) record.error = error;
  if (cause !== undefined) record.cause = cause;
  delete record.abort;
  journal({ name: record.name, input: record.input, status, ...(error !== undefined ? { error, cause } : {}) });
  log(`${record.name} ${status}${error !== undefined ? ` ${error}: ${cause}` : ''}`);
}

async function logEvents(name, events) {
  try {
    for await (const e of events) {
      if (e.type === 'StateEntered' || e.type === 'StateFailed' || e.type === 'StateRetried' || e.type === 'StateCaught') {
        const where = `${e.state?.name ?? ''}${e.index !== undefined ? `[${e.index}]` : ''}`;
        const detail = e.type === 'StateFailed' ? ` ${e.Error}: ${String(e.Cause).slice(0, 300)}`
          : e.type === 'StateRetried' ? ` attempt ${e.retry.attempt} of ${e.retry.retrier.ErrorEquals.join('|')}`
            : e.type === 'StateCaught' ? ` -> ${e.catch.catcher.Next}` : '';
        log(`${name} ${e.type} ${where}${detail}`);
      }
    }
  } catch (e) {
    log(`${name} event log stopped: ${e.message}`);
  }
}

function describe(record, full) {
  const d = {
    name: record.name,
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    status: record.status,
    startDate: record.startDate,
  };
  for (const k of ['stopDate', 'error', 'cause']) if (record[k] !== undefined) d[k] = record[k];
  if (full) {
    d.input = record.input;
    if (record.output !== undefined) d.output = record.output;
  }
  return d;
}

// --- HTTP --------------------------------------------------------------------------------------------
function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      } catch (e) {
        reject(new HttpError(400, 'SerializationException', `the body is not JSON: ${e.message}`));
      }
    });
  });
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
    if (parts[0] !== 'executions' || parts.length > 3) {
      if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { ok: true });
      throw new HttpError(404, 'UnknownOperationException', `no route ${req.method} ${url.pathname}`);
    }
    if (parts.length === 1 && req.method === 'POST') return send(res, 200, start(await readJson(req)));
    if (parts.length === 1 && req.method === 'GET') {
      return send(res, 200, { executions: [...executions.values()].map((r) => describe(r, false)) });
    }
    const record = executions.get(parts[1]);
    if (parts.length === 2 && req.method === 'GET') {
      if (!record) throw new HttpError(404, 'ExecutionDoesNotExist', `Execution Does Not Exist: '${parts[1]}'`);
      return send(res, 200, describe(record, true));
    }
    if (parts.length === 3 && parts[2] === 'stop' && req.method === 'POST') {
      if (!record) throw new HttpError(404, 'ExecutionDoesNotExist', `Execution Does Not Exist: '${parts[1]}'`);
      if (record.status === 'RUNNING') record.abort();
      return send(res, 200, { stopDate: new Date().toISOString() });
    }
    throw new HttpError(404, 'UnknownOperationException', `no route ${req.method} ${url.pathname}`);
  } catch (e) {
    if (e instanceof HttpError) return send(res, e.status, { __type: e.type, message: e.message });
    log(`ERROR ${req.method} ${req.url}: ${e.stack ?? e}`);
    return send(res, 500, { __type: 'InternalError', message: String(e?.message ?? e) });
  }
});

function shutdown(signal) {
  log(`${signal}: stopping (executions still RUNNING stay unfinished in the journal)`);
  server.close();
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
if (opts.exitWithStdin) {
  // the parent keeps our stdin open: when it dies, even by SIGKILL, we see its end and go too
  process.stdin.on('end', () => shutdown('stdin closed'));
  process.stdin.on('error', () => shutdown('stdin error'));
  process.stdin.resume();
}

server.listen(opts.port, '127.0.0.1', () => {
  const { port } = server.address();
  log(`listening on 127.0.0.1:${port} (node ${process.version}, callback ${opts.callback}, journal ${opts.journal},`
    + ` time scale ${opts.timeScale})`);
  process.stdout.write(`READY ${port}\n`);
});
