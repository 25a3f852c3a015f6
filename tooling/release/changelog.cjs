// The changelog format of `changeset version`: each changeset's sentence as one bullet, without the commit hash
// and link that @changesets/cli/changelog prepends, so CHANGELOG.md reads as release notes for users.
/** @type {import("@changesets/types").ChangelogFunctions} */
module.exports = {
  async getReleaseLine(changeset) {
    const [first, ...rest] = changeset.summary.trim().split("\n").map((line) => line.trimEnd());
    return `\n- ${first}${rest.map((line) => (line ? `\n  ${line}` : "\n")).join("")}`;
  },
  async getDependencyReleaseLine(changesets, dependenciesUpdated) {
    if (dependenciesUpdated.length === 0) return "";
    return `\n- Works with ${dependenciesUpdated.map((d) => `${d.name} ${d.newVersion}`).join(", ")}.`;
  },
};
