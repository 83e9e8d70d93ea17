// SuiteCloud CLI project (account customization): `suitecloud account:setup`, then
// `suitecloud project:deploy` from this folder. See docs/real-account.md.
module.exports = {
  defaultProjectFolder: 'src',
  commands: {},
};
