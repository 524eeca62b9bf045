import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../../src/project-root";
import { BOT_EVENTS, BOT_SCOPES, EVENTS_PATH, MESSAGE_SHORTCUTS, SLASH_COMMANDS } from "../../src/slack/surface";
import type { SlackDeps } from "../../src/slack/deps";
import type { Listeners } from "../../src/slack/listener-router";
import { register as registerCommands } from "../../src/slack/listeners/commands";
import { register as registerEvents } from "../../src/slack/listeners/events";

interface Manifest {
  display_information: { name: string };
  features: {
    app_home: { home_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{
      command: string;
      url: string;
      description: string;
      usage_hint?: string;
      should_escape?: boolean;
    }>;
    shortcuts: Array<{ name: string; type: string; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(path.join(projectRoot(), "manifest.yml"), "utf8")) as Manifest;

/** What the listener modules register, read by handing them a recorder. */
function registered(): { commands: string[]; events: string[] } {
  const commands: string[] = [];
  const events: string[] = [];
  const recorder = {
    command: (name: string) => void commands.push(name),
    event: (name: string) => void events.push(name),
  } as unknown as Listeners;
  // Registering only records names; no listener runs, so no dependencies are needed.
  const deps = {} as SlackDeps;
  registerCommands(recorder, deps);
  registerEvents(recorder, deps);
  return { commands, events };
}

describe("manifest.yml", () => {
  it("is a Slack manifest with a name, a bot user and the Home tab", () => {
    expect(manifest.display_information.name).toBe("Minutebook");
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it("declares exactly the slash commands the code registers, with the code's descriptions", () => {
    const declared = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(declared).toEqual(SLASH_COMMANDS.map((c) => c.command).sort());
    expect(registered().commands.sort()).toEqual(declared);
    for (const command of manifest.features.slash_commands) {
      const inCode = SLASH_COMMANDS.find((c) => c.command === command.command);
      expect(command.description).toBe(inCode?.description);
      expect(command.usage_hint).toBe(inCode?.usageHint);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(new URL(command.url).pathname).toBe(EVENTS_PATH);
      // Escaped, so mentions arrive as <@U123> and channels as <#C123|name>, as the grammar expects.
      expect(command.should_escape).toBe(true);
    }
  });

  it("declares the message shortcut", () => {
    expect(manifest.features.shortcuts.map((s) => ({ name: s.name, callbackId: s.callback_id, type: s.type }))).toEqual(
      MESSAGE_SHORTCUTS.map((s) => ({ name: s.name, callbackId: s.callbackId, type: "message" })),
    );
  });

  it("subscribes to the bot events the product uses, at the events endpoint", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
    for (const event of registered().events) expect(manifest.settings.event_subscriptions.bot_events).toContain(event);
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(EVENTS_PATH);
    expect(typeof manifest.settings.socket_mode_enabled).toBe("boolean");
  });

  it("asks for the bot scopes the code documents, no more, and no user scopes", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.keys(BOT_SCOPES).sort());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });
});
