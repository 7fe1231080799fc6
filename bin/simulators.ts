import { SIMULATOR_CREDENTIALS } from '../simulators/credentials';
import { fail, onShutdown } from './shutdown';
import { datasetFromEnv, portOf, startSimulators } from './stack';

/** `npm run start:simulators`: the three simulators alone, printing the settings that point the subgraphs at them. */
async function main(): Promise<void> {
  const env = process.env;
  const dataset = datasetFromEnv(env);
  const sims = await startSimulators(['jira', 'servicenow', 'scim'], {
    dataset,
    env,
    ports: { jira: portOf('jira', env), servicenow: portOf('servicenow', env), scim: portOf('scim', env) },
    // HOST=0.0.0.0 (the container image) lets other containers reach them; the default stays loopback.
    host: env.HOST || '127.0.0.1',
  });
  const { jira, servicenow, scim } = SIMULATOR_CREDENTIALS;
  console.log(
    [
      `Simulators up (${dataset.projects.length} projects, ${dataset.issues.length} issues, ${dataset.tickets.length} tickets, ${dataset.people.length} people). Use:`,
      `  JIRA_BASE_URL=${sims.jira!.url} JIRA_EMAIL=${jira.email} JIRA_API_TOKEN=${jira.apiToken}`,
      `  SERVICENOW_URL=${sims.servicenow!.url} SERVICENOW_USERNAME=${servicenow.username} SERVICENOW_PASSWORD=${servicenow.password}`,
      `  SCIM_BASE_URL=${sims.scim!.url}/scim/v2 SCIM_TOKEN=${scim.token}`,
      `  JIRA_WEBHOOK_SECRET=${jira.webhookSecret} SERVICENOW_WEBHOOK_SECRET=${servicenow.webhookSecret}`,
      'Request counts: GET <simulator>/__admin/requests (DELETE resets). Faults: PUT <simulator>/__admin/faults.',
      'Change events: PUT <simulator>/__admin/webhooks {"url": "http://<gateway>/webhooks/jira", "secret": "…"} (jira and servicenow).',
    ].join('\n'),
  );
  onShutdown(async () => {
    for (const sim of Object.values(sims)) await sim?.close();
  });
}

main().catch(fail);
