// The 20 numbers both SDK bots show, kept in memory: the official bots get no database and no access checks.
const environments = ['Sandbox', 'Pre-release', 'Live'];
const numbers = Array.from({ length: Number(process.env.NUMBERS || 20) }, (_, i) => ({
  e164: i % 2 === 0 ? `+44 7700 9${String(i).padStart(5, '0').slice(0, 2)} ${String(i).padStart(3, '0')}` : `+1 415-555-01${String(i % 100).padStart(2, '0')}`,
  environment: environments[i % 3],
  source: 'Platform',
  variant: i % 3 === 0 ? null : i % 3 === 1 ? 'London' : 'Leeds',
}));
module.exports = { environments, numbers };
