// Drives the real Soạn Báo Cáo window through W3C WebDriver (tauri-driver). No dependencies:
// Node's fetch. Native file dialogs are replaced by BAOCAO_E2E_DIALOG_DIR (WebDriver cannot
// drive GTK dialogs); everything else is the real app.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";

const base = `http://127.0.0.1:${process.env.TAURI_DRIVER_PORT}`;
const dir = process.env.BAOCAO_E2E_DIALOG_DIR;

// Fills a form as Excel stores typed values: every empty input cell of the table sheets gets the
// number, the first text cell of "Báo cáo ngắn" gets the text (argv: file, number, text).
const FILL_FORM = `
import re, sys, zipfile, shutil
path, number, text = sys.argv[1], sys.argv[2], sys.argv[3]
src = zipfile.ZipFile(path)
names = src.namelist()
book = src.read("xl/workbook.xml").decode()
sheets = re.findall(r'<sheet name="([^"]+)"', book)
out = zipfile.ZipFile(path + ".tmp", "w", zipfile.ZIP_DEFLATED)
for n in names:
    data = src.read(n)
    m = re.match(r"xl/worksheets/sheet(\\d+)\\.xml$", n)
    if m:
        name = sheets[int(m.group(1)) - 1]
        xml = data.decode()
        if name.startswith("Bảng") or name == "Số liệu chính":
            xml = re.sub(r'<c r="([A-Z]+[0-9]+)" s="([0-9]+)"/>', lambda c: '<c r="%s" s="%s"><v>%s</v></c>' % (c.group(1), c.group(2), number), xml)
        elif name == "Báo cáo ngắn":
            xml = re.sub(r'<c r="(B9)" s="([0-9]+)"/>', lambda c: '<c r="%s" s="%s" t="inlineStr"><is><t>%s</t></is></c>' % (c.group(1), c.group(2), text), xml, count=1)
        data = xml.encode()
    out.writestr(n, data)
out.close()
shutil.move(path + ".tmp", path)
`;
const EL = "element-6066-11e4-a52e-4f735466cecf";
let session = null;
let launched = 0;
const results = [];

async function wd(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  }).catch((e) => {
    throw new Error(`${method} ${path} ${body ? JSON.stringify(body).slice(0, 80) : ""}: ${e.message}`);
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}
const s = (p) => `/session/${session}${p}`;
const exec = (script, args = []) => wd("POST", s("/execute/sync"), { script, args });
const find = async (css) => {
  try {
    return (await wd("POST", s("/element"), { using: "css selector", value: css }))[EL];
  } catch (e) {
    throw new Error(`${css}: ${e.message}`);
  }
};
const click = async (css) => wd("POST", s(`/element/${await find(css)}/click`), {});
async function clickText(css, text) {
  // The outline's entries are the engine's answer to the last edit: they may be a moment late.
  const click = () =>
    exec(`const el=[...document.querySelectorAll(arguments[0])].find(e=>e.textContent.includes(arguments[1])); if(!el) return false; el.click(); return true;`, [
      css,
      text,
    ]);
  const ok = css.startsWith(".outline") ? await until(`${css} with text ${text}`, click, 5_000).catch(() => false) : await click();
  if (!ok) throw new Error(`no ${css} with text ${text}`);
}
// Replaces a field's text as a user does: focus the field, select all its text (Ctrl+A), type the
// new text over the selection (Delete for an empty one). The field must then hold exactly the new
// text; nothing is retried. (WebDriver's «clear» sets the value behind React's back, so the old
// text could come back before the keys arrived: a harness artefact, not something a user can do.)
async function type(css, text) {
  const id = await find(css);
  await exec(`const el = document.querySelector(arguments[0]); el.focus(); return true;`, [css]);
  await ctrl("a");
  if (text === "") await key("\uE017");
  else await wd("POST", s(`/element/${id}/value`), { text });
  const value = () => exec(`return document.querySelector(arguments[0])?.value ?? null`, [css]);
  await until(`${css} holding the typed text`, async () => (await value()) === text, 5_000).catch(async () => {
    throw new Error(`typed «${text}» into ${css}, the field holds «${await value()}»`);
  });
}
async function until(what, fn, ms = 30_000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
// The app's processes (the binary under test), to send the window manager's close request to its
// window and to kill it as a crash would.
function appPids() {
  const exe = realpathSync(process.env.BAOCAO_APP);
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readlinkSync(`/proc/${d}/exe`) === exe;
      } catch {
        return false;
      }
    })
    .map(Number);
}
const wmScript = new URL("./wm-close.py", import.meta.url).pathname;
// What a window manager does on ×: a WM_DELETE_WINDOW ClientMessage to the app's window.
function wmClose() {
  const [pid] = appPids();
  if (!pid) throw new Error("app not running");
  execFileSync("/usr/bin/python3", ["-B", wmScript, String(pid)], { encoding: "utf8" });
}
// × with unsaved changes must bring the question, at the first request: a close request that goes
// unanswered is a defect (it is never sent again). On failure the close trace (BAOCAO_TRACE_CLOSE:
// each hop from GTK's delete event to the question on screen, with times) is printed.
async function wmCloseAsked(what) {
  const sent = Date.now();
  wmClose();
  const asked = async () => (await askText()).includes("Lưu trước khi");
  try {
    return await until(what, asked, 30_000);
  } catch (e) {
    const quit = appPids().length === 0;
    console.log(`       close trace since × (sent at ${sent}):\n${closeTrace(sent)}`);
    if (quit) throw new Error(`the app quit on × with unsaved changes (${what})`);
    throw e;
  }
}
// After an answer (a click or a key) the question must leave the screen; if not, the trace says
// which hop the answer reached.
async function questionGone() {
  const since = Date.now();
  try {
    await until("question gone", () => exec(`return !document.querySelector('#ask-dialog')`));
  } catch (e) {
    console.log(`       close trace since the answer (at ${since}):\n${closeTrace(since)}`);
    throw e;
  }
}
// The lines of the close trace written since `since` (ms), each with its delay after it.
function closeTrace(since) {
  const file = process.env.BAOCAO_TRACE_CLOSE;
  if (!file || !existsSync(file)) return "         (no trace)";
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l && Number(l.split(" ")[0]) >= since - 2_000)
    .map((l) => `         +${Number(l.split(" ")[0]) - since} ms ${l.slice(l.indexOf(" ") + 1)}`)
    .join("\n");
}
const windowTitle = () => execFileSync("/usr/bin/python3", ["-B", wmScript, String(appPids()[0]), "--title"], { encoding: "utf8" }).trim();
async function launch() {
  // A step that failed may have left its session behind (the driver allows one at a time).
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
  // An app left by a failed step would take the close requests and kills meant for the new one.
  await until("earlier app gone", () => appPids().length === 0, 20_000).catch(() => {
    for (const pid of appPids()) process.kill(pid, "SIGKILL");
  });
  launched = Date.now();
  session = (
    await wd("POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: process.env.BAOCAO_APP } } },
    })
  ).sessionId;
}
async function endSession() {
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
  session = null;
  await until("app gone", () => appPids().length === 0, 20_000);
}
async function killApp() {
  const pids = appPids();
  if (pids.length === 0) throw new Error("no app process to kill");
  for (const pid of pids) process.kill(pid, "SIGKILL");
  await until("app killed", () => appPids().length === 0, 10_000);
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
  session = null;
}
// Clicks a button that closes the app: the click is dispatched after this call returns, so the
// driver does not wait for an answer from a window that is gone.
const clickClosing = (css) => exec(`setTimeout(() => document.querySelector(arguments[0]).click(), 50); return true;`, [css]);
async function key(k) {
  await wd("POST", s("/actions"), {
    actions: [{ type: "key", id: "kb", actions: [{ type: "keyDown", value: k }, { type: "keyUp", value: k }] }],
  });
}
// Ctrl + a key, as a user presses it.
async function ctrl(k) {
  await wd("POST", s("/actions"), {
    actions: [{ type: "key", id: "kb", actions: [{ type: "keyDown", value: "\uE009" }, { type: "keyDown", value: k }, { type: "keyUp", value: k }, { type: "keyUp", value: "\uE009" }] }],
  });
}
const ENTER = "\uE007";
const ESC = "\uE00C";
const recoveryFile = `${process.env.XDG_DATA_HOME}/vn.soanbaocao.app/phuc-hoi.baocao`;
const readRecovery = () => (existsSync(recoveryFile) ? JSON.parse(readFileSync(recoveryFile, "utf8")) : null);
const askText = () => exec(`return document.querySelector('#ask-dialog')?.textContent ?? ''`);
const subjectValue = () => exec(`return document.querySelector('textarea[name=subject]')?.value ?? ''`);
// A picture of the window for a person to look at, after the page has painted twice: the X
// display (tests/e2e/xshot.py), not WebKitWebDriver's screenshot, which under load can hang for
// good in a session while the window goes on working (docs/e2e.md; `webdriverShot` is kept for
// the close-stress diagnosis that showed it).
async function shot(name) {
  await wd("POST", s("/execute/async"), {
    script: "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
    args: [],
  });
  xshot(name);
}
async function webdriverShot(name) {
  writeFileSync(`${process.env.BAOCAO_ARTIFACTS}/${name}`, Buffer.from(await wd("GET", s("/screenshot")), "base64"));
}
// The whole X display as a PNG in the artifacts (tests/e2e/xshot.py).
function xshot(name) {
  execFileSync("/usr/bin/python3", ["-B", new URL("./xshot.py", import.meta.url).pathname, `${process.env.BAOCAO_ARTIFACTS}/${name}`]);
}
// «Trang đầu»; if the report has unsaved changes, answers «Không lưu».
async function homeDiscarding() {
  await click("#home");
  const asked = await until("question or start screen", () =>
    exec(`return document.querySelector('#ask-dialog') ? 'ask' : document.querySelector('#new-sample') ? 'start' : null`),
  );
  if (asked === "ask") await click("#ask-discard");
  await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
}

const previewText = () => exec(`return document.querySelector('.pages')?.textContent ?? ''`);
// The years heading a table's year columns in the preview's text: «Năm 2019» cell after cell (the
// preview's order), or the years run together when each header wraps as «Năm» over «2019».
const yearColumns = (text) => {
  const run = text.match(/(?:Năm\s*20\d\d\s*){3,}/) ?? text.match(/(?:20\d\d\s*){3,}/);
  return ((run ?? [""])[0].match(/20\d\d/g) ?? []).map(Number);
};
const noticeText = () => exec(`return document.querySelector('#notice')?.textContent ?? ''`);

// BAOCAO_E2E_ONLY=never-lost runs only the steps about never losing a report (to iterate quickly).
const only = process.env.BAOCAO_E2E_ONLY;
async function step(name, fn, group = "") {
  if (only && only !== group) return;
  try {
    await fn();
    results.push([name, null]);
    console.log(`  ok   ${name}`);
  } catch (e) {
    results.push([name, e]);
    console.log(`  FAIL ${name}: ${e.message}`);
  }
}

const SUBJECT = "về kết quả thử nghiệm tự động E2E của phần mềm Soạn Báo Cáo";
const LESSON = "phải tổng kết thực tiễn kịp thời (E2E).";

try {
  await launch();

  // Diagnosis only (BAOCAO_E2E_ONLY=close-stress, never part of the suite): × answered in turn
  // with Esc, with a WebDriver screenshot then Esc, and with a click on «Hủy», many times in one
  // session; every × that brings no question and every answer that leaves it on screen is
  // counted and its close trace printed. Docs/e2e.md has what it found.
  if (only === "close-stress") await step("chẩn đoán: × lặp lại nhiều lần", async () => {
    await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
    await click("#new-sample");
    await until("editor", () => exec(`return !!document.querySelector('textarea[name=subject]')`));
    await type("textarea[name=subject]", "thử đóng nhiều lần (E2E)");
    const n = Number(process.env.BAOCAO_CLOSE_STRESS ?? 60);
    const counts = {};
    for (let i = 0; i < n; i++) {
      const how = ["esc", "shot+esc", "click"][i % 3];
      const c = (counts[how] ??= { tries: 0, unasked: 0, stuck: 0 });
      c.tries++;
      let since = Date.now();
      wmClose();
      const asked = await until("question", async () => (await askText()).includes("Lưu trước khi"), 10_000).catch(() => false);
      if (!asked) {
        c.unasked++;
        console.log(`       [${i} ${how}] × unanswered:\n${closeTrace(since)}`);
        continue;
      }
      if (how === "shot+esc") {
        const t0 = Date.now();
        const ok = await webdriverShot("e2e-close-stress.png").then(() => true, (e) => e.message);
        if (ok !== true) {
          c.shotHung = (c.shotHung ?? 0) + 1;
          console.log(`       [${i} ${how}] screenshot failed after ${Date.now() - t0} ms: ${ok}`);
          // Does the window still paint? The X display with the question, then after Esc.
          xshot("e2e-close-stress-before.png");
        }
      }
      since = Date.now();
      if (how === "click") await click("#ask-cancel");
      else await key(ESC);
      const gone = await until("question gone", () => exec(`return !document.querySelector('#ask-dialog')`), 10_000).catch(() => false);
      if (gone && c.shotHung && how === "shot+esc") {
        await new Promise((r) => setTimeout(r, 500));
        xshot("e2e-close-stress-after.png");
        const [a, b] = ["before", "after"].map((w) => readFileSync(`${process.env.BAOCAO_ARTIFACTS}/e2e-close-stress-${w}.png`));
        if (a.equals(b)) c.frozen = (c.frozen ?? 0) + 1;
      }
      if (!gone) {
        c.stuck++;
        console.log(`       [${i} ${how}] question stayed after the answer:\n${closeTrace(since)}`);
        await click("#ask-cancel").catch(() => {});
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    console.log(`       ĐO: ${JSON.stringify(counts)}`);
    if (Object.values(counts).some((c) => c.unasked || c.stuck)) throw new Error("lost close requests or answers");
  }, "close-stress");

  await step("sau khi chương trình bị tắt đột ngột: đề nghị khôi phục bản lưu tạm", async () => {
    await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
    console.log(`       (khởi động đến màn hình đầu: ${Date.now() - launched} ms)`);
    await until("recovery offer", () => exec(`return !!document.querySelector('#restore')`));
    await click("#restore");
    await until("restored subject", () =>
      exec(`return document.querySelector('textarea[name=subject]')?.value === 'bản lưu tạm trước khi chương trình bị tắt (E2E)'`),
    );
    await homeDiscarding();
  });

  await step("«Xem báo cáo mẫu»: có dòng báo là mẫu; chưa sửa thì về trang đầu không hỏi lưu", async () => {
    await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
    const first = await exec(`return document.querySelector('.start button.primary, .templates button')?.closest('li')?.dataset.template ?? ''`);
    if (!first) throw new Error("the start screen's first action is not a template");
    await click("#new-sample");
    await until("editor", () => exec(`return !!document.querySelector('.toolbar')`));
    await until("preview pages", async () => (await previewText()).includes("ĐẢNG CỘNG SẢN VIỆT NAM"));
    await until("sample banner", () => exec(`return (document.querySelector('#sample-banner')?.textContent ?? '').includes('báo cáo mẫu')`));
    await click("#home");
    await until("start screen without a question", () => exec(`return !!document.querySelector('#new-sample') && !document.querySelector('#ask-dialog')`));
    await click("#new-sample");
    await until("editor again", () => exec(`return !!document.querySelector('.toolbar')`));
    await until("preview pages again", async () => (await previewText()).includes("ĐẢNG CỘNG SẢN VIỆT NAM"));
  });

  await step("sửa trích yếu và thấy bản xem trước thay đổi", async () => {
    await type("textarea[name=subject]", SUBJECT);
    await until("subject in preview", async () => (await previewText()).includes("về kết quả thử nghiệm tự động E2E"));
  });

  await step("thêm bài học: «Năm là,» do chương trình đánh", async () => {
    await clickText(".outline li", "Bài học kinh nghiệm");
    await until("lessons form", () => exec(`return document.querySelectorAll('textarea[name=lesson]').length === 4`));
    await until("preview follows the section", () =>
      exec(`return document.querySelector('.page.current')?.textContent.includes('Bài học kinh nghiệm') ?? false`),
    );
    await clickText("button", "+ Thêm bài học");
    await until("fifth lesson field", () => exec(`return document.querySelectorAll('textarea[name=lesson]').length === 5`));
    const id = (await wd("POST", s("/elements"), { using: "css selector", value: "textarea[name=lesson]" }))[4][EL];
    await wd("POST", s(`/element/${id}/value`), { text: LESSON });
    await until("lesson in preview", async () => (await previewText()).includes("Năm là, phải tổng kết thực tiễn"));
  });

  await step("hoàn tác và làm lại (Ctrl+Z, Ctrl+Y)", async () => {
    await click("#undo");
    await until("lesson text undone", async () => !(await previewText()).includes("(E2E)."));
    await click("#redo");
    await until("lesson text back", async () => (await previewText()).includes("(E2E)."));
  });

  await step("lưu, mở lại và thấy các thay đổi", async () => {
    await click("#save");
    await until("saved notice", async () => (await noticeText()).includes("Đã lưu"));
    const saved = JSON.parse(readFileSync(`${dir}/bao-cao-BC-2019-05-20.baocao`, "utf8"));
    if (!saved.header.subject.includes("thử nghiệm tự động E2E")) throw new Error("subject not in the saved file");
    await clickText(".toolbar button", "Trang đầu");
    await until("start screen", () => exec(`return !!document.querySelector('#open-file')`));
    await exec(`window.__e2eOpen = arguments[0]; return true;`, [`${dir}/bao-cao-BC-2019-05-20.baocao`]);
    await click("#open-file");
    await until("reopened subject", () => exec(`return document.querySelector('textarea[name=subject]')?.value ?? ''`)).then((v) => {
      if (v !== SUBJECT) throw new Error(`subject after reopening: ${v}`);
    });
    await clickText(".outline li", "Bài học kinh nghiệm");
    await until("lesson after reopening", () =>
      exec(`return [...document.querySelectorAll('textarea[name=lesson]')].some(t => t.value === arguments[0])`, [LESSON]),
    );
  });

  await step("xuất Word và tìm thấy các thay đổi trong tệp", async () => {
    await click("#export-docx");
    await until("export notice", async () => (await noticeText()).includes("Đã xuất"));
    if (!(await noticeText()).includes("Mở thư mục")) throw new Error("no «Mở thư mục» button");
    const xml = execFileSync("unzip", ["-p", `${dir}/bao-cao-BC-2019-05-20.docx`, "word/document.xml"], { encoding: "utf8" });
    for (const needle of ["về kết quả thử nghiệm tự động E2E", "Năm là", "phải tổng kết thực tiễn kịp thời (E2E)."]) {
      if (!xml.includes(needle)) throw new Error(`${needle} not in the DOCX`);
    }
  });

  await step("mở tệp hỏng: thông báo tiếng Việt, báo cáo trên màn hình giữ nguyên", async () => {
    writeFileSync(`${dir}/hong.baocao`, "đây không phải tệp báo cáo");
    await exec(`window.__e2eOpen = arguments[0]; return true;`, [`${dir}/hong.baocao`]);
    await click("#open");
    await until("error notice", async () => (await noticeText()).includes("không phải JSON hợp lệ"));
    await clickText(".outline li", "Phần đầu");
    const subject = await exec(`return document.querySelector('textarea[name=subject]')?.value ?? ''`);
    if (subject !== SUBJECT) throw new Error(`the report on screen changed: ${subject}`);
  });

  await step("ảnh chụp cửa sổ chính", async () => {
    await clickText(".outline li", "Phần đầu");
    await wd("POST", s("/execute/async"), {
      script: "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
      args: [],
    });
    const png = await wd("GET", s("/screenshot"));
    writeFileSync(`${process.env.BAOCAO_ARTIFACTS}/e2e-main-window.png`, Buffer.from(png, "base64"));
  });

  // Issue 10 (the editor a clerk would choose): Vietnamese habits and messages, group "editor".
  // Each step starts from a fresh sample so the group runs alone (BAOCAO_E2E_ONLY=editor).
  async function freshSample() {
    if (!session) await launch();
    if (await exec(`return !!document.querySelector('#home')`)) await homeDiscarding();
    await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
    await click("#new-sample");
    await until("sample preview", async () => (await previewText()).includes("ĐẢNG CỘNG SẢN VIỆT NAM"), 90_000);
  }
  // The start screen's «Dùng mẫu này» of a template, up to its wizard.
  async function openWizard(id) {
    if (!session) await launch();
    if (await exec(`return !!document.querySelector('#home')`)) await homeDiscarding();
    const use = `li[data-template=${id}] button`;
    await until("templates", () => exec(`return !!document.querySelector(arguments[0])`, [use]));
    await click(use);
    await until("wizard", () => exec(`return !!document.querySelector('#wizard-create') && !!document.querySelector('.wizard input')`));
  }
  // Picks an option of a <select> as a user would (React sees the change).
  const choose = (css, v) =>
    exec(`const e = document.querySelector(arguments[0]);
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(e, arguments[1]);
      e.dispatchEvent(new Event('change', { bubbles: true })); return e.value === arguments[1];`, [css, v]);
  // The paragraphs of a DOCX as text (a line break inside a paragraph reads as "\n").
  const docxParagraphs = (file) => {
    const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8" }).replace(/<w:br [^>]*\/>/g, "<w:t>\n</w:t>");
    return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => ({
      xml: m[0],
      text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
    }));
  };
  const fieldState = (css) =>
    exec(`const e=document.querySelector(arguments[0]); return e ? {value: e.value, invalid: e.getAttribute('aria-invalid'), error: e.parentElement.querySelector('.field-error')?.textContent ?? ''} : null`, [css]);

  await step("ngày gõ ngày/tháng/năm (không theo locale), ngày sai được báo và không làm mất ngày cũ", async () => {
    await freshSample();
    const date = "#ngay-ban-hanh";
    const shown = await fieldState(date);
    if (shown.value !== "20/05/2019") throw new Error(`date shown as ${shown.value}, not 20/05/2019`);
    await type(date, "05/12/2019");
    await until("5 December in the preview", async () => /tháng 12 năm 2019/.test(await previewText()));
    await type(date, "31/02/2019");
    const bad = await until("invalid date named", async () => {
      const f = await fieldState(date);
      return f.invalid === "true" && f.error.includes("không phải ngày") ? f : null;
    });
    await shot("e2e-date-invalid.png");
    if (!/tháng 12 năm 2019/.test(await previewText())) throw new Error("the invalid date changed the report");
    if (bad.value !== "31/02/2019") throw new Error(`what was typed was not kept: ${bad.value}`);
  }, "editor");

  await step("tỷ lệ gõ «97,5» (dấu phẩy thập phân) vào bản xem trước; số sai được báo", async () => {
    await freshSample();
    await clickText(".outline li", "Công tác quán triệt");
    const input = 'input[aria-label="Giá trị ty_le"]';
    await until("figure input", () => exec(`return !!document.querySelector(arguments[0])`, [input]));
    const before = await fieldState(input);
    if (before.value !== "97,55") throw new Error(`figure shown as ${before.value}, not 97,55`);
    await type(input, "97,5");
    await until("97,5% in the preview", async () => {
      const t = await previewText();
      return t.includes("97,5%") && !t.includes("97,55%");
    });
    // A stray letter after the number: kept as typed, named, never committed.
    await wd("POST", s(`/element/${await find(input)}/value`), { text: "x" });
    const bad = await until("invalid number named", async () => {
      const f = await fieldState(input);
      return f.error.includes("không phải số") ? f : null;
    });
    if (bad.value !== "97,5x") throw new Error(`what was typed was not kept: ${bad.value}`);
    await shot("e2e-number-invalid.png");
    if (!(await previewText()).includes("97,5%")) throw new Error("an invalid number changed the report");
  }, "editor");

  await step("bài học gõ sẵn «Hai là,»: in một lần, có cảnh báo", async () => {
    await freshSample();
    await clickText(".outline li", "Bài học kinh nghiệm");
    await until("lessons form", () => exec(`return document.querySelectorAll('textarea[name=lesson]').length === 4`));
    const id = (await wd("POST", s("/elements"), { using: "css selector", value: "textarea[name=lesson]" }))[1][EL];
    await wd("POST", s(`/element/${id}/clear`), {});
    await wd("POST", s(`/element/${id}/value`), { text: "Hai là, phải kiểm tra thứ tự (E2E)." });
    await until("lesson printed once", async () => (await previewText()).includes("Hai là, phải kiểm tra thứ tự (E2E)."));
    if ((await previewText()).includes("Hai là, Hai là")) throw new Error("ordinal printed twice");
    await until("warning about the typed ordinal", () => exec(`return document.body.textContent.includes('gõ sẵn thứ tự')`));
  }, "editor");

  await step("mở tệp Word bằng «Mở…»: vào màn hình nhập; tệp trống: thông báo nói rõ là gì", async () => {
    await freshSample();
    await type("textarea[name=subject]", "sửa mẫu trước khi mở tệp Word (E2E)");
    // The Word file the app itself exports, opened as if it were a report.
    rmSync(`${dir}/bao-cao-BC-2019-05-20.docx`, { force: true });
    await click("#export-docx");
    await until("export notice", async () => (await noticeText()).includes("Đã xuất"));
    await exec(`window.__e2eOpen = arguments[0]; return true;`, [`${dir}/bao-cao-BC-2019-05-20.docx`]);
    await click("#open");
    // The edited sample is not saved: «Không lưu» here keeps it on screen if the file cannot be opened.
    await until("unsaved question", async () => (await askText()).includes("Lưu trước khi"));
    await click("#ask-discard");
    // A Word file picked in «Mở…» is read by the importer: its review screen, not an error.
    await until("review screen", () => exec(`return !!document.querySelector('#import-review')`), 60_000);
    await shot("e2e-open-word-file.png");
    await click("#import-cancel");
    await until("back to the report", async () => (await previewText()).includes("ĐẢNG CỘNG SẢN VIỆT NAM"));
    writeFileSync(`${dir}/trong.baocao`, "");
    await exec(`window.__e2eOpen = arguments[0]; return true;`, [`${dir}/trong.baocao`]);
    await click("#open");
    await until("unsaved question", async () => (await askText()).includes("Lưu trước khi"));
    await click("#ask-discard");
    await until("empty file named", async () => (await noticeText()).includes("Tệp trống"));
    if (!(await previewText()).includes("ĐẢNG CỘNG SẢN VIỆT NAM")) throw new Error("the report on screen was lost");
  }, "editor");

  // Issue 12: last year's Word file brought in through the review screen; legacy text pasted.
  await step("nhập từ Word: màn hình xem lại, dùng báo cáo; dán chữ TCVN3 thì được chuyển sang Unicode", async () => {
    await freshSample();
    const word = `${dir}/bao-cao-BC-2019-05-20.docx`;
    rmSync(word, { force: true });
    await click("#export-docx");
    await until("export notice", async () => (await noticeText()).includes("Đã xuất"));
    await homeDiscarding();
    await exec(`window.__e2eWord = arguments[0]; return true;`, [word]);
    await click("#import-word");
    await until("review screen", () => exec(`return !!document.querySelector('#import-review')`), 60_000);
    const counts = await exec(`return document.querySelector('#import-counts').textContent`);
    for (const needle of ["Mục (I, II…): 5", "Bài học (Một là…): 4", "Bảng số liệu: 3", "Phụ lục: 2"]) {
      if (!counts.includes(needle)) throw new Error(`${needle} not in the counts: ${counts}`);
    }
    const outlineText = await exec(`return document.querySelector('#import-outline').textContent`);
    if (!outlineText.includes("KẾT QUẢ THỰC HIỆN")) throw new Error(`outline: ${outlineText}`);
    const kept = await exec(`return document.querySelectorAll('li[data-mark=kept]').length`);
    if (kept < 1) throw new Error("no paragraph shown as kept");
    await shot("e2e-import-review.png");
    await click("#import-accept");
    await until("imported report in the editor", () =>
      exec(`return (document.querySelector('textarea[name=subject]')?.value ?? '').startsWith('sơ kết 03 năm')`),
    );
    await until("imported notice", async () => (await noticeText()).includes("Đã nhập"));
    await until("imported preview", async () => (await previewText()).includes("Một là"));
    // A paste of TCVN3 text into a lesson: converted, and said so.
    await clickText(".outline li", "Bài học kinh nghiệm");
    await until("lessons form", () => exec(`return document.querySelectorAll('textarea[name=lesson]').length === 4`));
    await exec(`
      const t = document.querySelectorAll('textarea[name=lesson]')[0];
      t.focus();
      t.setSelectionRange(t.value.length, t.value.length);
      const dt = new DataTransfer();
      dt.setData('text/plain', ' Ban Tuyªn gi¸o HuyÖn ñy tæ chøc');
      t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      return true;`);
    await until("converted paste", () =>
      exec(`return document.querySelectorAll('textarea[name=lesson]')[0].value.endsWith('Ban Tuyên giáo Huyện ủy tổ chức')`),
    );
    // The notice renders just after the text (the field first): wait for it, do not read it once.
    await until("conversion notice", async () => (await noticeText()).includes("TCVN3"));
    await until("pasted text in preview", async () => (await previewText()).includes("Ban Tuyên giáo Huyện ủy tổ chức"));
  }, "import");

  // Issue 13: units' forms out, two of three filled and sent back, reviewed, picked, accepted.
  await step("tổng hợp từ đơn vị: tạo biểu mẫu, nhận 2/3 đơn vị, xem lại, đưa vào báo cáo, nguồn số liệu", async () => {
    await freshSample();
    // A figure of a result line asked from the units too: «thu thập» beside {mo_hinh}.
    await clickText(".outline li", "Việc xây dựng kế hoạch");
    const tick = `return [...document.querySelectorAll('.figure')].find((d) => d.querySelector('code')?.textContent === '{mo_hinh}')?.querySelector('input[name=figure-collect]')`;
    await until("figure checkbox", () => exec(`return !!(() => { ${tick} })()`));
    await exec(`const c = (() => { ${tick} })(); c.click(); return true;`);
    await until("figure ticked", () => exec(`return (() => { ${tick} })().checked`));
    await click("#collect-open");
    await until("collect panel", () => exec(`return !!document.querySelector('#collect-panel')`));
    const units = "Đảng ủy xã Số 1\uE007Đảng ủy xã Số 2\uE007Đảng ủy xã Số 3";
    await wd("POST", s(`/element/${await find("#units-text")}/value`), { text: units });
    await click("#collect-panel h2"); // leaving the list commits it
    await until("3 units", () => exec(`return document.querySelector('#collect-panel').textContent.includes('Đơn vị phải báo cáo (3)')`));
    await until("tables listed", () => exec(`return document.querySelectorAll('#collect-tables li').length === 3`));
    await shot("e2e-collect-panel.png");
    for (const f of readdirSync(dir).filter((f) => f.startsWith("Biểu mẫu"))) rmSync(`${dir}/${f}`);
    await click("#forms-export");
    await until("forms written", async () => (await noticeText()).includes("Đã tạo 4 biểu mẫu"));
    // Issue 24: the forms head the year columns with the period's years, every one once, in order,
    // and carry no «[từ năm]» code or template blank.
    const strings = execFileSync("unzip", ["-p", `${dir}/Biểu mẫu - Đảng ủy xã Số 1.xlsx`, "xl/sharedStrings.xml"], { encoding: "utf8" });
    const cells = [...strings.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1]);
    const yearHeads = cells.filter((c) => /^Năm \d{4}$/.test(c)).join(" | ");
    if (yearHeads !== "Năm 2016 | Năm 2017 | Năm 2018 | Năm 2019") throw new Error(`year columns of the form: ${yearHeads}`);
    // («[…]» in the sentences sheet is the form's own mark for the unit's figure, explained on it.)
    const codes = cells.filter((c) => /\[(?:từ năm|đến năm|năm trước|năm sau|số năm|các năm|năm)\]/.test(c) || c.trim() === "…");
    if (codes.length) throw new Error(`codes or blanks in the form: ${codes.join(" | ")}`);
    // Two units fill their forms as Excel would store it (every input cell 5; one model named).
    const filled = [1, 2].map((n) => `${dir}/Biểu mẫu - Đảng ủy xã Số ${n}.xlsx`);
    for (const f of filled) {
      execFileSync("python3", ["-c", FILL_FORM, f, "5", "Mô hình «Chi bộ bốn tốt» (E2E)"]);
    }
    await exec(`window.__e2eUnitFiles = arguments[0]; return true;`, [filled]);
    // Nothing enters the report before «Đưa vào báo cáo»: «Hủy» in the review leaves it as it was.
    const before = await previewText();
    await click("#collect-files");
    await until("review screen", () => exec(`return !!document.querySelector('#compile-review')`), 60_000);
    await click("#collect-cancel-review");
    await until("cancel notice", async () => (await noticeText()).includes("Đã hủy tổng hợp; báo cáo giữ nguyên."));
    await until("preview back", async () => (await previewText()) === before);
    await click("#collect-files");
    await until("review screen", () => exec(`return !!document.querySelector('#compile-review')`), 60_000);
    const rate = await exec(`return document.querySelector('#collect-rate').textContent`);
    if (rate !== "Đã nhận 2/3 đơn vị") throw new Error(`rate: ${rate}`);
    const missing = await exec(`return document.querySelector('#collect-missing').textContent`);
    if (!missing.includes("Đảng ủy xã Số 3")) throw new Error(`missing: ${missing}`);
    await until("texts to pick", () => exec(`return document.querySelectorAll('#collect-texts button[data-pick=model]').length === 2`));
    // WebKitWebDriver's screenshot hangs on this screen (cause not found): the X display instead.
    execFileSync("/usr/bin/python3", [new URL("./xshot.py", import.meta.url).pathname, `${process.env.BAOCAO_ARTIFACTS}/e2e-compile-review.png`]);
    await click("#collect-texts button[data-pick=model]");
    await until("picked", () => exec(`return document.querySelector('#collect-texts button[data-pick=model]').getAttribute('aria-pressed') === 'true'`));
    await click("#collect-accept");
    await until("compiled notice", async () => (await noticeText()).includes("Đã tổng hợp: Đã nhận 2/3 đơn vị"));
    await until("breakdown annex in preview", async () => (await previewText()).includes("SỐ LIỆU THEO ĐƠN VỊ"));
    await until("collected figure in preview (5 + 5)", async () => (await previewText()).includes("xây dựng 10 mô hình"));
    await until("picked text in preview", async () => (await previewText()).includes("Mô hình «Chi bộ bốn tốt» (E2E) (Đảng ủy xã Số 1)"));
    // A compiled cell says where its figure came from.
    await clickText(".outline li", "PHỤ LỤC 1");
    await until("table editor", () => exec(`return !!document.querySelector('.table-editor td.sourced input')`));
    const title = await exec(`return document.querySelector('.table-editor td.sourced input').title`);
    if (!title.startsWith("Tổng hợp từ 2 đơn vị")) throw new Error(`source: ${title}`);
    await click(".table-editor td.sourced input");
    await until("source shown", () => exec(`return (document.querySelector('#cell-source')?.textContent ?? '').includes('Đảng ủy xã Số 2: 5')`));
    await shot("e2e-compile-source.png");
    // One undo step takes the whole compile back.
    await click("#undo");
    await until("compile undone", async () => !(await previewText()).includes("SỐ LIỆU THEO ĐƠN VỊ"));
  }, "collect");

  await step("tổng hợp: «Hủy» khi đang đọc nhiều tệp thì báo cáo giữ nguyên", async () => {
    await freshSample();
    await click("#collect-open");
    await until("collect panel", () => exec(`return !!document.querySelector('#collect-panel')`));
    // Many files, so that reading lasts long enough to be cancelled.
    const many = `${dir}/nhieu-tep`;
    rmSync(many, { recursive: true, force: true });
    execFileSync("mkdir", ["-p", many]);
    const form = `${dir}/Biểu mẫu trống.xlsx`;
    if (!existsSync(form)) {
      await click("#forms-export");
      await until("forms written", async () => (await noticeText()).includes("biểu mẫu"));
    }
    const files = [];
    for (let i = 0; i < 3000; i++) {
      files.push(`${many}/don-vi-${i}.xlsx`);
      symlinkSync(form, files[i]);
    }
    const before = await previewText();
    await exec(`window.__e2eUnitFiles = arguments[0]; return true;`, [files]);
    await click("#collect-files");
    await until("progress bar", () => exec(`return !!document.querySelector('#collect-progress')`), 30_000);
    await click("#collect-cancel");
    await until("cancelled notice", async () => (await noticeText()).includes("Đã hủy nhận tệp; báo cáo giữ nguyên."), 60_000);
    if (await exec(`return !!document.querySelector('#compile-review')`)) throw new Error("review opened after cancel");
    if ((await previewText()) !== before) throw new Error("the report changed");
    rmSync(many, { recursive: true, force: true });
  }, "collect");

  await step("«Cần xem lại»: chỗ cần sửa nói bằng lời, bấm vào thì đến đúng ô", async () => {
    await freshSample();
    await clickText(".outline li", "Công tác quán triệt");
    const input = 'input[aria-label="Giá trị ty_le"]';
    await until("figure input", () => exec(`return !!document.querySelector(arguments[0])`, [input]));
    // As a user empties it: Ctrl+A, Backspace.
    await wd("POST", s(`/element/${await find(input)}/value`), { text: "\uE009a\uE009\uE003" });
    await until("figure emptied", async () => (await fieldState(input)).value === "");
    const item = await until("problem in words", () =>
      exec(`return [...document.querySelectorAll('.problems li')].map(l => l.textContent).find(t => t.includes('số liệu «đạt tỷ lệ …»')) ?? null`),
    );
    // Issue 24: the figure is named by its sentence's words, never by its key («ty_le»).
    if (/body|content\[|\.blocks|figures\.|ty_le/.test(item)) throw new Error(`internal path or key shown: ${item}`);
    if (!item.includes("1. Công tác quán triệt")) throw new Error(`the section is not named: ${item}`);
    await clickText(".outline li", "Phần đầu");
    await until("header form", () => exec(`return !!document.querySelector('#ngay-ban-hanh')`));
    await clickText(".problems li button", "số liệu «đạt tỷ lệ …»");
    await until("the figure's field has focus", () => exec(`return document.activeElement?.getAttribute('aria-label') === 'Giá trị ty_le'`));
    await shot("e2e-problem-to-field.png");
  }, "editor");

  await step("kiểm tra (issue 11): lỗi gạch dưới trong ô, «Sửa» hoàn tác được, «Thêm vào từ điển», xuất hỏi khi còn lỗi chặn", async () => {
    await freshSample();
    await clickText(".outline li", "Công tác quán triệt");
    const f = 'main.editor textarea[aria-label="Kết quả 1"]';
    await until("result field", () => exec(`return !!document.querySelector(arguments[0])`, [f]));
    const before = await exec(`return document.querySelector(arguments[0]).value`, [f]);
    await type(f, `${before} Cán bộ gương mẩu, phối hợp với XKTQB.`);
    const finding = (rule, text) =>
      `return [...document.querySelectorAll('.problems li[data-code="${rule}"]')].find(l => l.textContent.includes(${JSON.stringify(text)})) ?? null`;
    const item = await until("spelling finding", async () => (await exec(finding("chinh-ta", "mẩu")) ? await exec(`${finding("chinh-ta", "mẩu").replace("?? null", "")}?.textContent`) : null));
    if (!item.includes("1. Công tác quán triệt") || /body|content\[|\.blocks/.test(item)) throw new Error(`place not in words: ${item}`);
    if (!item.includes("«mẫu»")) throw new Error(`no suggestion «mẫu»: ${item}`);
    await until("red underline under the word", () => exec(`return [...document.querySelectorAll('.marks mark.spell')].some(m => m.textContent === 'mẩu')`));
    await shot("e2e-checks-underline.png");
    await exec(`${finding("chinh-ta", "mẩu").replace("?? null", "")}.querySelector('button.fix').click(); return true`);
    await until("fixed in the field", () => exec(`return document.querySelector(arguments[0]).value.includes('gương mẫu,')`, [f]));
    await ctrl("z");
    await until("the fix undone", () => exec(`return document.querySelector(arguments[0]).value.includes('gương mẩu,')`, [f]));
    await until("abbreviation listed", async () => !!(await exec(finding("chinh-ta", "XKTQB"))));
    await exec(`${finding("chinh-ta", "XKTQB").replace("?? null", "")}.querySelector('button.add-word').click(); return true`);
    await until("added word no longer flagged", async () => !(await exec(finding("chinh-ta", "XKTQB"))));
    await type(f, `${before} Thực hiện 09 nhóm giải pháp.`);
    await until("blocking count finding", async () => !!(await exec(finding("so-nhom-giai-phap", "09 nhóm giải pháp"))));
    await click("#export-docx");
    await until("export names the blocking finding", async () => (await askText()).includes("09 nhóm giải pháp"));
    // No screenshot here: WebKitWebDriver's screenshot times out while the question is open
    // (seen twice; the window itself answers: «Hủy» below closes it).
    await click("#ask-cancel");
  }, "editor");

  await step("trình hướng dẫn mẫu: câu trả lời đi theo «Năm cuối», mâu thuẫn thì chưa cho tạo", async () => {
    await openWizard("so-ket-03-nam-chi-thi-05");
    // The district and the signer have no default (a template plants no names): «Tạo» waits.
    if (!(await exec(`return document.querySelector('#wizard-create').disabled`))) throw new Error("«Tạo» allowed without the district");
    await until("missing named", () => exec(`return (document.querySelector('#wizard-missing')?.textContent ?? '').includes('Tên huyện')`));
    await type("#q-huyen", "Cầu Ngang");
    await type("#q-nguoi_ky", "Trần Văn Bình");
    await type("#q-nam", "2019");
    const val = (k) => exec(`return document.querySelector(arguments[0])?.value ?? null`, [`[name=${k}]`]);
    await until("start year follows", async () => (await val("tu_nam")) === "2016");
    await until("date follows", async () => /\/2019$/.test(await val("ngay")));
    await until("plan reference follows", async () => /\/2019 của/.test(await val("van_ban_chi_dao")));
    await type("#q-tu_nam", "2023");
    await until("contradiction named", () => exec(`return document.querySelector('#wizard-contradictions')?.textContent ?? ''`)).then((t) => {
      if (!t.includes("(2023) sau")) throw new Error(`contradiction: ${t}`);
    });
    if (!(await exec(`return document.querySelector('#wizard-create').disabled`))) throw new Error("«Tạo» allowed with contradicting answers");
    await shot("e2e-wizard-contradiction.png");
    await type("#q-tu_nam", "2016");
    await until("create allowed", () => exec(`return !document.querySelector('#wizard-create').disabled`));
    await click("#wizard-create");
    await until("report for 2016–2019", async () => {
      const t = await previewText();
      return t.includes("năm 2019") && !t.includes("năm 2026") && t.includes("2016");
    });
  }, "editor");

  await step("bản xem trước giữ khoảng trắng như bản PDF («Tỉnh ủy: quan tâm»)", async () => {
    await freshSample();
    const el = () =>
      exec(`const t=[...document.querySelectorAll('.pages text')].find(t => t.textContent.startsWith(' quan tâm biên soạn')); return t ? {chars: t.getNumberOfChars(), len: t.textContent.length, x: t.getStartPositionOfChar(1).x - t.getStartPositionOfChar(0).x} : null`);
    const found = await until("the proposal's text on page 4", el, 60_000);
    // A leading space drawn, not collapsed: as many glyphs as characters, the first one a space's width.
    if (found.chars !== found.len || !(found.x > 2)) throw new Error(`space collapsed in the preview: ${JSON.stringify(found)}`);
  }, "editor");

  await step("cửa sổ 1024×700 vẫn dùng được: thanh công cụ một hàng, trang xem trước không bị cắt", async () => {
    await freshSample();
    await wd("POST", s("/window/rect"), { width: 1024, height: 700 });
    await until("window resized", () => exec(`return window.innerWidth <= 1024 && window.innerHeight <= 700`));
    await clickText(".outline li", "Công tác quán triệt");
    await until("figure input", () => exec(`return !!document.querySelector('input[aria-label="Giá trị ty_le"]')`));
    await shot("e2e-1024x700.png");
    const m = await exec(`
      const bar = document.querySelector('.toolbar').getBoundingClientRect();
      const buttons = [...document.querySelectorAll('.toolbar button')].map(b => b.getBoundingClientRect());
      const page = document.querySelector('.pages .page')?.getBoundingClientRect();
      const pane = document.querySelector('.pages')?.getBoundingClientRect();
      const fig = document.querySelector('input[aria-label="Giá trị ty_le"]').getBoundingClientRect();
      return { rows: new Set(buttons.map(b => Math.round(b.top))).size, barHeight: bar.height,
        pageLeft: page.left, pageRight: page.right, paneLeft: pane.left, paneRight: pane.right,
        figure: fig.width, scrollX: document.documentElement.scrollWidth - window.innerWidth };`);
    const problems = [];
    if (m.rows !== 1) problems.push(`toolbar on ${m.rows} rows`);
    if (m.pageLeft < m.paneLeft - 1 || m.pageRight > m.paneRight + 1) problems.push(`page cut (${m.pageLeft}–${m.pageRight} in ${m.paneLeft}–${m.paneRight})`);
    if (m.figure < 70) problems.push(`figure input ${m.figure}px wide`);
    if (m.scrollX > 0) problems.push(`window scrolls sideways by ${m.scrollX}px`);
    await wd("POST", s("/window/rect"), { width: 1440, height: 900 });
    if (problems.length) throw new Error(`${problems.join("; ")} ${JSON.stringify(m)}`);
  }, "editor");

  await step("bảng số liệu: tên cột không bị cắt («Cấp khen thưởng», «Tập thể»)", async () => {
    await freshSample();
    await clickText(".outline li", "PHỤ LỤC 2");
    await until("table editor", () => exec(`return !!document.querySelector('[aria-label="Tên cột 1"]')`));
    await shot("e2e-table-headers.png");
    // Every column name field (whatever element it is) shows its whole text.
    const { n, cut } = await exec(`const h = [...document.querySelectorAll('table.grid th [aria-label^="Tên cột"]')];
      return { n: h.length, cut: h.filter(t => t.scrollHeight > t.clientHeight + 1 || t.scrollWidth > t.clientWidth + 1).map(t => t.value) }`);
    if (n < 3) throw new Error(`only ${n} column names found`);
    if (cut.length) throw new Error(`headers cut: ${cut.join(", ")}`);
  }, "editor");

  await step("báo cáo từ mẫu không mang số liệu, tên của huyện mẫu; xuất thì liệt kê chỗ chưa điền", async () => {
    await openWizard("so-ket-03-nam-chi-thi-05");
    await type("#q-huyen", "Cầu Ngang");
    await type("#q-nguoi_ky", "Trần Văn Bình");
    await until("create allowed", () => exec(`return !document.querySelector('#wizard-create').disabled`));
    await click("#wizard-create");
    await until("report from the template", async () => (await previewText()).includes("HUYỆN ỦY CẦU NGANG"), 60_000);
    const text = await previewText();
    for (const fact of ["186 tin", "24 đội thi", "12 tổ chức đảng", "27-KH/HU", "Phạm Văn Được"]) {
      if (text.includes(fact)) throw new Error(`the sample's fact «${fact}» is in the new report`);
    }
    const before = readdirSync(dir).filter((f) => f.endsWith(".docx")).length;
    await click("#export-docx");
    const question = await until("unfinished places listed", async () => {
      const t = await askText();
      return t.includes("chỗ chưa điền") ? t : null;
    });
    if (!question.includes("›")) throw new Error(`places not named: ${question}`);
    await shot("e2e-export-unfinished.png");
    await click("#ask-cancel");
    await questionGone();
    if (readdirSync(dir).filter((f) => f.endsWith(".docx")).length !== before) throw new Error("exported after «Hủy»");
    await click("#export-docx");
    await until("unfinished places listed again", async () => (await askText()).includes("chỗ chưa điền"));
    await click("#ask-export-anyway");
    await until("export notice", async () => (await noticeText()).includes("Đã xuất"));
  }, "editor");

  await step("lưu làm mẫu rồi dùng mẫu đó: hỏi năm, ngày, địa danh, người ký; số liệu để trống, năm của kỳ theo câu trả lời", async () => {
    await freshSample();
    await click("#save-template");
    await type("#template-name", "Mẫu sơ kết của huyện (E2E)");
    await click("#template-save");
    const saved = await until("template saved", async () => ((t) => (t.includes("Đã lưu mẫu") ? t : null))(await noticeText()));
    const id = /mã ([a-z0-9-]+)\)/.exec(saved)?.[1];
    if (!id) throw new Error(`no id in «${saved}»`);
    await homeDiscarding();
    const use = `li[data-template='${id}'] button`;
    await until("own template listed", () => exec(`return !!document.querySelector(arguments[0])`, [use]));
    await click(use);
    await until("wizard", () => exec(`return !!document.querySelector('#q-nam')`));
    const asked = await exec(`return [...document.querySelectorAll('.wizard input')].map(i => i.name)`);
    for (const k of ["dia_danh", "nam", "tu_nam", "ngay", "nguoi_ky"]) if (!asked.includes(k)) throw new Error(`not asked: ${k} (${asked})`);
    if ((await exec(`return document.querySelector('#q-dia_danh').value`)) !== "Tân Lập Giang") throw new Error("the report's own place is not the default");
    await type("#q-nam", "2022");
    await until("start year follows", async () => (await exec(`return document.querySelector('#q-tu_nam').value`)) === "2019");
    await until("date follows (the report's own day and month)", async () => (await exec(`return document.querySelector("#q-ngay").value`)) === "20/05/2022");
    await shot("e2e-own-template-wizard.png");
    await click("#wizard-create");
    await until("report for 2019–2022", async () => {
      const t = await previewText();
      return t.includes("từ tháng 5/2019 đến tháng 5/2022") && t.includes("năm 2022");
    }, 60_000);
    const t = await previewText();
    if (t.includes("20 tháng 5 năm 2019")) throw new Error("the old date is left");
    // Issue 24: the year table takes the new period's years; a table of kinds keeps last
    // period's values beside each column («Tập thể (kỳ trước)», wrapped in its narrow column).
    if (yearColumns(t).join(" ") !== "2019 2020 2021 2022") throw new Error(`the year columns do not follow the period 2019–2022: ${yearColumns(t)}`);
    if (!t.includes("(kỳ") || !t.includes("trước)")) throw new Error("no comparison column with last period's values");
    await until("figures to update listed", () => exec(`return (document.querySelector('.problems')?.textContent ?? '').includes('cần cập nhật')`));
  }, "editor");

  await step("bản xem trước theo dòng đang sửa: sửa «Bốn là» thì hiện trang có «Bốn là»", async () => {
    await freshSample();
    await clickText(".outline li", "Bài học kinh nghiệm (04)");
    const pageWith = (word) => exec(`return [...document.querySelectorAll('.pages .page')].findIndex(p => p.textContent.includes(arguments[0]))`, [word]);
    const current = () => exec(`return Number(document.querySelector('.pages .page.current')?.dataset.page ?? -1)`);
    for (const [i, word] of [[3, "Bốn là"], [0, "Một là"]]) {
      const box = await until("lesson field", () => exec(`return [...document.querySelectorAll('main.editor textarea[data-path]')].find(t => t.dataset.path.endsWith('.items.' + arguments[0]))?.dataset.path ?? null`, [i]));
      await click(`textarea[data-path='${box}']`);
      const want = await pageWith(word);
      if (want < 0) throw new Error(`«${word}» not in the preview`);
      await until(`the page with «${word}» (${want + 1}) shown`, async () => (await current()) === want);
    }
    if ((await pageWith("Bốn là")) === (await pageWith("Một là"))) console.log("       (Một là và Bốn là cùng một trang: chỉ kiểm được trang có chúng)");
  }, "editor");

  await step("thu phóng bản xem trước: Ctrl+= / Ctrl+− / Ctrl+0 (vừa khung), nút −, +", async () => {
    await freshSample();
    const width = () => exec(`return document.querySelector('.pages .page').getBoundingClientRect().width`);
    const column = await exec(`return document.querySelector('.pages').clientWidth`);
    const fit = await width();
    if (fit < column - 60) throw new Error(`fit width: page ${fit} px in a column of ${column} px`);
    await ctrl("=");
    await until("zoomed in", async () => (await width()) > fit + 20);
    const label = await exec(`return document.querySelector('#zoom-fit').textContent`);
    if (!/^\d+%$/.test(label)) throw new Error(`zoom label ${label}`);
    await ctrl("-");
    await ctrl("-");
    await until("zoomed out", async () => (await width()) < fit - 20);
    await click("#zoom-in");
    await click("#zoom-in");
    await click("#zoom-in");
    await until("button zooms in", async () => (await width()) > fit);
    await shot("e2e-preview-zoomed.png");
    await ctrl("0");
    await until("fit width again", async () => Math.abs((await width()) - fit) < 2 && (await exec(`return document.querySelector('#zoom-fit').textContent`)) === "Vừa khung");
  }, "editor");

  await step("Ctrl+B / Ctrl+I trong đoạn văn: chữ đậm, nghiêng trên bản xem trước và trong tệp Word", async () => {
    await freshSample();
    await clickText(".outline li", "Mở đầu");
    const box = await until("opening paragraph", () => exec(`return document.querySelector('main.editor textarea[data-path$=".text"]')?.dataset.path ?? null`));
    const css = `textarea[data-path='${box}']`;
    await type(css, "Về công tác tuyên truyền: Ban Tuyên giáo chủ động phối hợp.");
    // Select «Về công tác tuyên truyền:» and press Ctrl+B; then «chủ động» and Ctrl+I.
    await exec(`const t = document.querySelector(arguments[0]); t.focus(); t.setSelectionRange(0, 25); return true;`, [css]);
    await ctrl("b");
    await until("bold markers", async () => (await exec(`return document.querySelector(arguments[0]).value`, [css])).startsWith("**Về công tác tuyên truyền:**"));
    await exec(`const t = document.querySelector(arguments[0]); const i = t.value.indexOf("chủ động"); t.setSelectionRange(i, i + 8); return true;`, [css]);
    await ctrl("i");
    await until("italic markers", async () => (await exec(`return document.querySelector(arguments[0]).value`, [css])).includes("_chủ động_"));
    const styled = await until("bold and italic in the preview", () =>
      exec(`const ts = [...document.querySelectorAll('.pages .page svg text')];
        const b = ts.find(t => t.textContent.includes('Về công tác tuyên truyền:'));
        const i = ts.find(t => t.textContent.includes('chủ động') && t.getAttribute('font-style') === 'italic');
        return b && i && b.getAttribute('font-weight') === 'bold' && !document.querySelector('.pages').textContent.includes('**') ? true : null`),
    );
    if (!styled) throw new Error("not styled");
    await shot("e2e-bold-italic.png");
    // The preview's runs end where the PDF's do, whatever the web view's own measure.
    const runs = await exec(`return [...document.querySelectorAll('.pages .page svg text')].filter(t => /Ban Tuyên giáo $|chủ động/.test(t.textContent)).slice(0, 2).map(t => [Number(t.getAttribute('x')), t.getBBox().width])`);
    if (runs.length !== 2 || runs[0][0] + runs[0][1] > runs[1][0] + 0.5) throw new Error(`runs overlap: ${JSON.stringify(runs)}`);
    // Ctrl+B again on the bold words takes the bold off (one more Ctrl+Z step each).
    await exec(`const t = document.querySelector(arguments[0]); t.setSelectionRange(2, 27); return true;`, [css]);
    await ctrl("b");
    await until("bold removed", async () => (await exec(`return document.querySelector(arguments[0]).value`, [css])).startsWith("Về công tác tuyên truyền: "));
    await ctrl("z");
    await until("undo puts it back", async () => (await exec(`return document.querySelector(arguments[0]).value`, [css])).startsWith("**Về công tác"));
    const started = Date.now();
    await click("#export-docx");
    await until("export notice", async () => (await noticeText()).includes("Đã xuất"));
    const file = readdirSync(dir).filter((f) => f.endsWith(".docx") && statSync(`${dir}/${f}`).mtimeMs >= started - 1000)[0];
    if (!file) throw new Error("no DOCX written");
    const xml = execFileSync("unzip", ["-p", `${dir}/${file}`, "word/document.xml"], { encoding: "utf8" });
    if (xml.includes("**") || !/<w:b ?\/>(?:(?!<\/w:r>).)*Về công tác tuyên truyền:/s.test(xml)) throw new Error("no bold run in the DOCX");
  }, "editor");

  await step("Ctrl+F / Ctrl+H: tìm trong cả báo cáo (đếm, sau/trước, đến ô), thay tất cả là một bước hoàn tác", async () => {
    await freshSample();
    await ctrl("f");
    await until("find bar", () => exec(`return document.activeElement?.id === 'find-text'`));
    await wd("POST", s(`/element/${await find("#find-text")}/value`), { text: "tân lập giang" });
    const count = () => exec(`return document.querySelector('#find-count').textContent`);
    const first = await until("matches counted", async () => ((c) => (/^1\/\d+$/.test(c) ? c : null))(await count()));
    const n = Number(first.split("/")[1]);
    if (n < 3) throw new Error(`only ${n} matches`);
    await key(ENTER);
    await until("second match", async () => (await count()) === `2/${n}`);
    await until("its field outlined", () => exec(`return !!document.querySelector('main.editor .found-field')`));
    const where = await exec(`return document.querySelector('#find-where').textContent`);
    if (!where.includes("Tân Lập Giang") || where.includes("header.")) throw new Error(`place: ${where}`);
    await wd("POST", s("/actions"), {
      actions: [{ type: "key", id: "kb", actions: [{ type: "keyDown", value: "\uE008" }, { type: "keyDown", value: ENTER }, { type: "keyUp", value: ENTER }, { type: "keyUp", value: "\uE008" }] }],
    });
    await until("back to the first", async () => (await count()) === `1/${n}`);
    await key(ESC);
    await until("cursor on the match in its field", () =>
      exec(`const a = document.activeElement; return a && a.closest('main.editor') && a.value.slice(a.selectionStart, a.selectionEnd) === 'Tân Lập Giang'`),
    );
    await ctrl("h");
    await until("replace field", () => exec(`return !!document.querySelector('#replace-text')`));
    await type("#find-text", "Tân Lập Giang");
    await type("#replace-text", "Cầu Ngang");
    await shot("e2e-find-replace.png");
    await click("#replace-all");
    await until("replaced notice", async () => (await noticeText()).includes(`Đã thay ${n} chỗ`));
    await until("preview replaced", async () => {
      const t = await previewText();
      return t.includes("HUYỆN ỦY CẦU NGANG") && !t.includes("Tân Lập Giang") && !t.includes("TÂN LẬP GIANG");
    });
    if ((await count()) !== "Không thấy") throw new Error(`after replace all: ${await count()}`);
    await click("#find-close");
    await click("#undo");
    await until("one undo restores every match", async () => {
      const t = await previewText();
      return t.includes("HUYỆN ỦY TÂN LẬP GIANG") && !t.includes("Cầu Ngang");
    });
  }, "editor");

  await step("Ctrl+P: hộp thoại in của hệ thống, in các trang của bản xem trước", async () => {
    await freshSample();
    const others = (flag) => execFileSync("/usr/bin/python3", ["-B", wmScript, String(appPids()[0]), flag], { encoding: "utf8" }).trim();
    if (others("--others") !== "") throw new Error(`a dialog is open already: ${others("--others")}`);
    await ctrl("p");
    const title = await until("print dialog", async () => others("--others") || null, 20_000);
    console.log(`       (hộp thoại: ${title})`);
    if (title !== "Print" && title !== "In") throw new Error(`not the print dialog: ${title}`);
    // The dialog's × (a close request), again every 2 s while it stays: one CI run (session 14)
    // kept the dialog open after the single request sent the moment it was mapped, and the next
    // step's close trace showed GTK's grab still on GtkPrintUnixDialog — a request that arrives
    // while the print dialog is still being set up is lost, and a person would click × again.
    let asked = 0;
    await until("print dialog closed", async () => {
      if (others("--others") === "") return true;
      if (Date.now() - asked > 2_000) {
        others("--close-others");
        asked = Date.now();
      }
      return false;
    }, 20_000);
    // What the sheets hold: the page's print rules applied on screen (WebDriver cannot read a
    // print job): only the preview's pages, each A4 (210 × 297 mm at 96 px per inch).
    const sheet = await exec(`
      const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r instanceof CSSMediaRule && r.media.mediaText.includes("print"));
      // Copied after the media rule in its own sheet (the page's CSP refuses a new <style>).
      const added = [];
      for (const r of rules) {
        const sheet = r.parentStyleSheet;
        for (const x of [...r.cssRules].filter((x) => !(x instanceof CSSPageRule))) added.push([sheet, sheet.insertRule(x.cssText, sheet.cssRules.length) && sheet.cssRules[sheet.cssRules.length - 1]]);
      }
      window.__printAsScreen = added;
      const box = document.querySelector(".page").getBoundingClientRect();
      const hidden = [".toolbar", ".outline", ".editor", ".preview-bar"].every((c) => !document.querySelector(c) || getComputedStyle(document.querySelector(c)).display === "none");
      return { hidden, pages: document.querySelectorAll(".page svg").length, w: box.width, h: box.height, rules: added.length };`);
    await shot("e2e-print-sheets.png");
    await exec(`for (const [sheet, rule] of window.__printAsScreen.reverse()) sheet.deleteRule([...sheet.cssRules].indexOf(rule)); return true;`);
    if (!sheet.hidden || sheet.pages < 5 || Math.abs(sheet.w - 793.7) > 2 || Math.abs(sheet.h - 1122.5) > 2) throw new Error(`print layout: ${JSON.stringify(sheet)}`);
    // The window still answers.
    await type("textarea[name=subject]", "sau khi đóng hộp thoại in (E2E)");
    await until("preview after printing", async () => (await previewText()).includes("sau khi đóng hộp thoại in"));
  }, "editor");

  // Issue 26: the list before export finds blanks «…» by their code (it once matched a message
  // whose capital letter changed, and a report whose only gaps were blanks exported unasked).
  await step("báo cáo chỉ còn chỗ trống «…»: xuất thì liệt kê chỗ đó trước", async () => {
    await freshSample();
    await type("textarea[name=subject]", "sơ kết … năm thực hiện Chỉ thị 05 (E2E)");
    await until("the blank found", () => exec(`return [...document.querySelectorAll('.problems li')].some(l => l.dataset.code === 'cho-trong')`));
    const others = await exec(`return [...document.querySelectorAll('.problems li')].filter(l => ['cho-trong', 'cap-nhat-so-lieu'].includes(l.dataset.code)).length`);
    if (others !== 1) throw new Error(`the sample should have only this gap, found ${others}`);
    await click("#export-docx");
    await until("blank listed before export", async () => {
      const t = await askText();
      return t.includes("1 chỗ chưa điền") && t.includes("trích yếu");
    });
    await click("#ask-cancel");
    await questionGone();
  }, "editor");

  await step("«Đã lưu» biến mất khi sửa tiếp, không hiện ở trang đầu", async () => {
    await freshSample();
    await click("#save");
    await until("saved notice", async () => (await noticeText()).includes("Đã lưu"));
    await type("textarea[name=subject]", `${SUBJECT} (sửa tiếp)`);
    await until("notice gone after the edit", async () => (await noticeText()) === "");
    await click("#save");
    await until("saved notice again", async () => (await noticeText()).includes("Đã lưu"));
    await click("#home");
    await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
    if ((await noticeText()) !== "") throw new Error(`notice on the start screen: ${await noticeText()}`);
  }, "editor");

  // Issue 23: a template used with a date from 27/5/2026 gives an HD 05 document; the header
  // form names the guidance applied and lets the user pin the other one; the DOCX is read back.
  // Issue 24: each template for the offices of 2026 makes a report for another place, exported to
  // Word and read back: header, number code, signer (a deputy chosen in the wizard) and year.
  const OFFICES = [
    ["dang-uy-xa-bao-cao", { tinh: "Quảng Trị", xa: "Vĩnh Linh" }, { ky: "Phó Bí thư" }, ["ĐẢNG BỘ TỈNH QUẢNG TRỊ", "ĐẢNG ỦY XÃ VĨNH LINH", "-BC/ĐU", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]],
    ["btgdv-tinh-bao-cao", { tinh: "Quảng Trị" }, { ky: "Phó Trưởng ban" }, ["TỈNH ỦY QUẢNG TRỊ", "BAN TUYÊN GIÁO\nVÀ DÂN VẬN", "-BC/BTGDVTU", "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]],
    ["ubnd-xa-bao-cao", { tinh: "Quảng Trị", xa: "Vĩnh Linh" }, { ky: "Phó Chủ tịch" }, ["ỦY BAN NHÂN DÂN", "XÃ VĨNH LINH", "/BC-UBND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]],
    ["hoc-tap-lam-theo-bac-nam-btgdv-tinh", { tinh: "Gia Lai" }, {}, ["TỈNH ỦY GIA LAI", "-BC/BTGDVTU", "TRƯỞNG BAN"]],
    ["hoc-tap-lam-theo-bac-nam-dang-uy-xa", { tinh: "Gia Lai", xa: "Ia Grai" }, { thay_mat: "Đảng ủy" }, ["ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY XÃ IA GRAI", "-BC/ĐU", "T/M ĐẢNG ỦY", "BÍ THƯ"]],
  ];
  await step("mẫu cho cơ quan từ 7/2025 (đảng ủy xã, Ban Tuyên giáo và Dân vận tỉnh, UBND xã, kết quả năm Chỉ thị 05): tạo cho nơi khác, xuất Word, đọc lại phần đầu, người ký, năm", async () => {
    for (const [id, places, picks, want] of OFFICES) {
      await openWizard(id);
      for (const [k, v] of Object.entries(places)) await type(`#q-${k}`, v);
      for (const [k, v] of Object.entries(picks)) if (!(await choose(`#q-${k}`, v))) throw new Error(`${id}: no choice «${v}» for ${k}`);
      await type("#q-nguoi_ky", "Lê Thị Thu Hà");
      await type("#q-nam", "2026");
      await type("#q-ngay", "20/11/2026");
      await until(`${id}: create allowed`, () => exec(`return !document.querySelector('#wizard-create').disabled`));
      await click("#wizard-create");
      await until(`${id}: report dated 20/11/2026`, async () => (await previewText()).includes("ngày 20 tháng 11 năm 2026"), 60_000);
      const started = Date.now();
      await click("#export-docx");
      const asked = await until(`${id}: export question or notice`, async () =>
        (await askText()).includes("chỗ chưa điền") ? "ask" : (await noticeText()).includes("Đã xuất") ? "done" : null,
      );
      if (asked === "ask") await click("#ask-export-anyway");
      await until(`${id}: export notice`, async () => (await noticeText()).includes("Đã xuất"));
      const file = readdirSync(dir).filter((f) => f.endsWith(".docx") && statSync(`${dir}/${f}`).mtimeMs >= started - 1000)[0];
      if (!file) throw new Error(`${id}: no DOCX written`);
      const texts = docxParagraphs(`${dir}/${file}`).map((p) => p.text);
      for (const w of [...want, "Lê Thị Thu Hà", "ngày 20 tháng 11 năm 2026"]) {
        if (!texts.some((t) => t.includes(w))) throw new Error(`${id}: «${w.replace("\n", "↵")}» not in the DOCX`);
      }
      const district = texts.filter((t) => /huyện/i.test(t));
      if (district.length) throw new Error(`${id}: a district body named: ${district.join(" | ")}`);
      rmSync(`${dir}/${file}`);
    }
    await shot("e2e-offices-2026.png");
  }, "editor");

  await step("mẫu dùng với ngày 15/06/2026: theo Hướng dẫn 05 (nơi nhận «;», «- Lưu ….», «KHẨN», «Không phổ biến…»), chọn được HD 36, xuất Word và đọc lại", async () => {
    await openWizard("so-ket-03-nam-chi-thi-05");
    await type("#q-huyen", "Cầu Ngang");
    await type("#q-nguoi_ky", "Trần Văn Bình");
    await type("#q-nam", "2026");
    await type("#q-tu_nam", "2023");
    await type("#q-ngay", "15/06/2026");
    await until("create allowed", () => exec(`return !document.querySelector('#wizard-create').disabled`));
    await click("#wizard-create");
    await until("report dated 15/6/2026", async () => (await previewText()).includes("ngày 15 tháng 6 năm 2026"), 60_000);
    const sel = 'select[data-path="header.profile"]';
    await until("profile follows the date", () => exec(`return document.querySelector(arguments[0])?.value === 'dang'`, [sel]));
    const note = () => exec(`return document.querySelector('[data-profile-note]')?.textContent ?? ''`);
    await until("HD 05 named", async () => (await note()).includes("05-HD/VPTW"));
    const options = await exec(`return [...document.querySelector(arguments[0]).options].map(o => o.value)`, [sel]);
    for (const id of ["dang", "hd36", "hd05", "nd30"]) if (!options.includes(id)) throw new Error(`no choice ${id}: ${options}`);
    await until("HD 05 recipients in the preview", async () => (await previewText()).includes("- Thường trực Huyện ủy;"));
    await shot("e2e-hd05-header.png");
    // Pinning HD 36: the preview follows, the note warns and offers to follow the date again.
    const choose = (v) => exec(`const e = document.querySelector(arguments[0]);
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(e, arguments[1]);
      e.dispatchEvent(new Event('change', { bubbles: true })); return true;`, [sel, v]);
    await choose("hd36");
    await until("HD 36 recipients", async () => (await previewText()).includes("- Thường trực Huyện ủy,"));
    await until("outdated choice named", () => exec(`return document.querySelector('[data-profile-note=outdated]')?.textContent.includes('36-HD/VPTW') ?? false`));
    await clickText("[data-profile-note] button", "Dùng theo ngày văn bản");
    await until("back to HD 05", async () => (await previewText()).includes("- Thường trực Huyện ủy;"));
    // The marks HD 05 adds: urgency under the number, «Không phổ biến…» at the foot of the last page.
    await exec(`const e = document.querySelector('#do-khan');
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(e, 'khan');
      e.dispatchEvent(new Event('change', { bubbles: true })); return true;`);
    await click('input[data-path="header.not_public"]');
    await until("urgency and notice in the preview", async () => {
      const t = await previewText();
      return t.includes("KHẨN") && t.includes("Không phổ biến trên phương tiện thông tin đại chúng");
    });
    await shot("e2e-hd05-marks.png");
    const started = Date.now();
    await click("#export-docx");
    await until("unfinished places listed", async () => (await askText()).includes("chỗ chưa điền"));
    await click("#ask-export-anyway");
    await until("export notice", async () => (await noticeText()).includes("Đã xuất"));
    const file = readdirSync(dir).filter((f) => f.endsWith(".docx") && statSync(`${dir}/${f}`).mtimeMs >= started - 1000)[0];
    if (!file) throw new Error("no DOCX written");
    const xml = execFileSync("unzip", ["-p", `${dir}/${file}`, "word/document.xml"], { encoding: "utf8" });
    const paras = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => ({
      xml: m[0],
      text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
    }));
    const at = paras.findIndex((p) => p.text === "Nơi nhận:");
    if (at < 0) throw new Error("no «Nơi nhận:» in the DOCX");
    const lines = [];
    for (const p of paras.slice(at + 1)) {
      if (!p.text.startsWith("- ")) break;
      lines.push(p.text);
    }
    const last = lines.pop();
    if (!lines.length || !lines.every((l) => l.endsWith(";"))) throw new Error(`recipients not ending «;»: ${lines.join(" | ")}`);
    if (last !== "- Lưu Văn phòng.") throw new Error(`«Lưu» line: ${last}`);
    if (!paras.some((p) => p.text.endsWith("ngày 15 tháng 6 năm 2026"))) throw new Error("date line");
    if (!paras.some((p) => p.text === "KHẨN")) throw new Error("no «KHẨN» under the number");
    const notice = paras.find((p) => p.text === "Không phổ biến trên phương tiện thông tin đại chúng");
    if (!notice || !/<w:framePr [^>]*w:vAnchor="page"/.test(notice.xml)) throw new Error("«Không phổ biến…» not framed at the page foot");
    const body = paras.find((p) => p.text.startsWith("Thực hiện "));
    const line = body && /<w:spacing [^>]*w:line="(\d+)"[^>]*w:lineRule="exact"|<w:spacing [^>]*w:lineRule="exact"[^>]*w:line="(\d+)"/.exec(body.xml);
    const twips = line && Number(line[1] ?? line[2]);
    if (!(twips >= 360 && twips <= 440)) throw new Error(`body line spacing ${twips} twips`);
    const title = paras.find((p) => p.text === "PHÓ TRƯỞNG BAN");
    const authority = paras.find((p) => p.text === "K/T TRƯỞNG BAN");
    if (!authority || !/<w:b ?\/>|<w:b w:val="(true|1)"/.test(authority.xml)) throw new Error("authority not bold");
    if (!title || /<w:b ?\/>|<w:b w:val="(true|1)"/.test(title.xml)) throw new Error("title under K/T is bold");
  }, "editor");

  // Figures, not pass/fail: memory with the sample open, and keystroke → changed page painted on
  // long reports. The step checks only that every keystroke reaches the preview; the times are
  // printed as benchmark figures (docs/performance.md), with a generous ceiling that only a broken
  // preview (a page redrawn seconds late) would exceed.
  await step("xem trước theo kịp từng phím trên báo cáo dài (số đo in ra, không phải điều kiện đạt)", async () => {
    if (!session) await launch();
    if (!(await exec(`return !!document.querySelector('#home')`))) {
      await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
      await click("#new-sample");
      await until("sample preview", () => exec(`return document.querySelectorAll('.pages .page svg').length >= 5`));
    }
    const rss = execFileSync("bash", ["-c", "ps -C soan-bao-cao,WebKitWebProcess,WebKitNetworkProcess -o rss= | awk '{s+=$1} END {print s}'"], {
      encoding: "utf8",
    }).trim();
    console.log(`       ĐO: RSS ứng dụng + tiến trình WebKit, báo cáo mẫu đang mở: ${(Number(rss) / 1024).toFixed(0)} MB`);
    const long = (process.env.BAOCAO_LONG_REPORTS ?? "").split(":").filter(Boolean);
    if (long.length === 0) throw new Error("no long reports given (BAOCAO_LONG_REPORTS)");
    for (const file of long) {
      await homeDiscarding();
      await exec(`window.__e2eOpen = arguments[0]; return true;`, [file]);
      await click("#open-file");
      const minPages = Number(/(\d+)-trang/.exec(file)?.[1] ?? 2) - 2;
      await until("long report preview", () => exec(`return document.querySelectorAll('.pages .page svg').length >= arguments[0]`, [minPages]), 60_000);
      const pages = await exec("return document.querySelectorAll('.pages .page').length");
      // A part about two thirds in, and its first paragraph's text box.
      const where = await exec(`
        const items = [...document.querySelectorAll('.outline li[data-path^="body.content"]')].filter(li => /^body\\.content\\.\\d+\\.sections\\.\\d+$/.test(li.dataset.path));
        const li = items[Math.floor(items.length * 2 / 3)];
        li.click();
        return li.dataset.path;`);
      const box = await until("a paragraph to type in", () =>
        exec(`const t = [...document.querySelectorAll('textarea[data-path]')].find(t => t.dataset.path.endsWith('.text') && t.value.length > 100); return t ? t.dataset.path : null;`),
      );
      const id = await find(`textarea[data-path='${box}']`);
      await wd("POST", s(`/element/${id}/click`), {});
      await exec(`const t = arguments[0]; t.setSelectionRange(t.value.length, t.value.length); return true;`, [{ [EL]: id }]);
      // One key at a time, each waited for on screen, then a word typed in one burst.
      const one = [];
      await exec(`window.__previewLatency = []; window.__previewSteps = []; return true;`);
      const word = " kiểmtrađộtrễ";
      for (const ch of word) {
        const before = await exec(`return window.__previewLatency.length`);
        await wd("POST", s(`/element/${id}/value`), { text: ch });
        await until("keystroke on screen", () => exec(`return window.__previewLatency.length > arguments[0]`, [before]), 10_000);
      }
      one.push(...(await exec(`return window.__previewLatency`)));
      await until("typed word in the preview", async () => (await previewText()).includes(word.trim()));
      await exec(`window.__previewLatency = []; return true;`);
      await wd("POST", s(`/element/${id}/value`), { text: " nhanhnhanh" });
      await until("burst in the preview", async () => (await previewText()).includes("nhanhnhanh"));
      const burst = await until("burst latencies", () => exec(`const l = window.__previewLatency; return l.length >= 11 ? l : null`), 10_000);
      const stats = (v) => {
        const t = [...v].sort((a, b) => a - b);
        return `trung vị ${t[Math.floor(t.length / 2)].toFixed(0)} ms, lớn nhất ${t[t.length - 1].toFixed(0)} ms (${t.length} phím)`;
      };
      console.log(`       ĐO: báo cáo ${pages} trang, gõ ở ${where}: phím → trang mới trên màn hình: từng phím ${stats(one)}; gõ liền ${stats(burst)}`);
      if (process.env.BAOCAO_E2E_DEBUG) console.log("       (IPC trống, ms:", JSON.stringify(await wd("POST", s("/execute/async"), { script: `
        const done = arguments[0]; const out = [];
        (async () => { for (let i = 0; i < 8; i++) { const t = performance.now(); await window.__TAURI_INTERNALS__.invoke("startup_sample"); out.push(Math.round(performance.now() - t)); } done(out); })();`, args: [] })), ")");
      if (process.env.BAOCAO_E2E_DEBUG) console.log(`       (phím→gửi, IPC, máy, React, vẽ, số trang: ${JSON.stringify(await exec("return window.__previewSteps"))})`);
      const worst = Math.max(...one, ...burst);
      if (worst > 2000) throw new Error(`a keystroke took ${worst.toFixed(0)} ms to reach the preview`);
    }
  }, "perf");

  await step("mẫu: tạo báo cáo «Tổng kết 05 năm» qua trình hướng dẫn, gợi ý chỉ hiện khi soạn", async () => {
    await homeDiscarding();
    await until("templates on the start screen", () => exec(`return !!document.querySelector('li[data-template=tong-ket-05-nam] button')`));
    await click("li[data-template=tong-ket-05-nam] button");
    await until("wizard", () => exec(`return !!document.querySelector('#q-huyen')`));
    await type("#q-huyen", "Cầu Kè");
    await type("#q-nguoi_ky", "Trần Văn Bình");
    await until("create allowed", () => exec(`return !document.querySelector('#wizard-create').disabled`));
    await click("#wizard-create");
    await until("report from the template in the preview", async () => {
      const t = await previewText();
      return t.includes("tổng kết 05 năm thực hiện Chỉ thị 05") && t.includes("HUYỆN ỦY CẦU KÈ") && t.includes("Phần thứ nhất");
    });
    await clickText(".outline li", "Phần thứ nhất");
    const hint = await until("guidance hint", () => exec(`return document.querySelector('.guide')?.textContent ?? ''`));
    if ((await previewText()).includes(hint.replace("Gợi ý:", "").trim())) throw new Error("the hint is printed");
  });

  await step("báo cáo kỳ sau: hỏi kỳ mới và loại báo cáo; ngày lùi một năm, số văn bản xóa, số liệu cần cập nhật được liệt kê", async () => {
    await clickText(".outline li", "Phần đầu");
    const before = await exec(`return document.querySelector('#ngay-ban-hanh').value`);
    // The years heading a year table, as the preview shows them (a run of three or more years).
    const yearRun = async () => yearColumns(await previewText());
    const yearsBefore = await yearRun();
    await click("#next-period");
    // The report from the template was never saved: the question comes first.
    await until("unsaved question", async () => (await askText()).includes("Lưu trước khi"));
    await click("#ask-discard");
    // Issue 24: the new period and kind are asked; the default moves the period on by a year.
    await until("period question", () => exec(`return !!document.querySelector('#next-dialog')`));
    const offered = await exec(`return document.querySelector('#next-dialog').textContent`);
    if (!/lùi một năm: \d{4}/.test(offered) || !offered.includes("tổng kết")) throw new Error(`the dialog offers: ${offered}`);
    await shot("e2e-next-period-dialog.png");
    await click("#next-create");
    await until("next-period notice", async () => (await noticeText()).includes("Đã tạo báo cáo kỳ sau"));
    // The notice writes the date the Vietnamese way, never ISO.
    if (!/ngày \d{2}\/\d{2}\/\d{4}\)/.test(await noticeText())) throw new Error(`date in the notice: ${await noticeText()}`);
    const after = await exec(`return document.querySelector('#ngay-ban-hanh').value`);
    // The date field shows day/month/year: the year is the last four digits.
    if (Number(after.slice(-4)) !== Number(before.slice(-4)) + 1 || after.slice(0, 5) !== before.slice(0, 5)) {
      throw new Error(`date ${before} → ${after}`);
    }
    await until("to-update list", () => exec(`return (document.querySelector('.problems')?.textContent ?? '').includes('cần cập nhật')`));
    if (yearsBefore.length >= 3) {
      const want = yearsBefore.map((y) => y + 1).join(" ");
      await until(`year columns ${want}`, async () => (await yearRun()).join(" ") === want);
    } else console.log("       (báo cáo này không có bảng theo năm)");
  });

  await step("lưu làm mẫu, đổi tên và xuất mẫu trong trình quản lý mẫu", async () => {
    await click("#save-template");
    await type("#template-name", "Mẫu thử E2E");
    await click("#template-save");
    await until("saved template", async () => (await noticeText()).includes("Đã lưu mẫu"));
    await homeDiscarding();
    await until("own template listed", () => exec(`return document.body.textContent.includes('Mẫu thử E2E')`));
    await click("#manage-templates");
    const input = await until("manager row", () => exec(`return [...document.querySelectorAll('.template-rows input')].find(i => i.value === 'Mẫu thử E2E') ? true : false`));
    if (!input) throw new Error("no row");
    const id = await exec(`return [...document.querySelectorAll('.template-rows li')].find(li => li.querySelector('input')?.value === 'Mẫu thử E2E').dataset.template`);
    await type(`li[data-template='${id}'] input`, "Mẫu thử E2E đã đổi tên");
    await clickText(`li[data-template='${id}'] button`, "Đổi tên");
    await until("renamed", () => exec(`return (document.querySelector('#manager-notice')?.textContent ?? '').includes('Đã đổi tên')`));
    await clickText(`li[data-template='${id}'] button`, "Xuất ra tệp");
    await until("exported", () => exec(`return (document.querySelector('#manager-notice')?.textContent ?? '').includes('Đã xuất mẫu')`));
    const shared = JSON.parse(readFileSync(`${dir}/${id}.json`, "utf8"));
    if (shared.name !== "Mẫu thử E2E đã đổi tên") throw new Error(`exported name ${shared.name}`);
    await clickText("button", "Trở lại");
  });

  // --- A report must never be lost (issue 8) ---
  const savedFile = `${dir}/bao-cao-BC-2019-05-20.baocao`;
  await step("× của trình quản lý cửa sổ khi chưa lưu: hỏi «Lưu / Không lưu / Hủy», có bản lưu tạm ngay; Esc = Hủy ở lại; Enter = Lưu rồi đóng", async () => {
    await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
    await click("#new-sample");
    await until("editor", () => exec(`return !!document.querySelector('textarea[name=subject]')`));
    await type("textarea[name=subject]", "đóng cửa sổ khi chưa lưu (E2E)");
    await wmCloseAsked("unsaved question");
    const labels = await exec(`return [...document.querySelectorAll('#ask-dialog button')].map(b => b.textContent)`);
    if (labels.join("/") !== "Lưu/Không lưu/Hủy") throw new Error(`buttons: ${labels}`);
    const rec = readRecovery();
    if (rec?.report?.header?.subject !== "đóng cửa sổ khi chưa lưu (E2E)") throw new Error(`recovery copy: ${JSON.stringify(rec?.report?.header?.subject)}`);
    await shot("e2e-unsaved-question.png");
    await key(ESC);
    await questionGone();
    await new Promise((r) => setTimeout(r, 500));
    if (appPids().length === 0) throw new Error("the app quit on Hủy");
    if ((await subjectValue()) !== "đóng cửa sổ khi chưa lưu (E2E)") throw new Error("the report changed on Hủy");
    if (!readRecovery()) throw new Error("recovery copy dropped on Hủy");
    await wmCloseAsked("unsaved question again");
    await key(ENTER);
    await until("app closed after Lưu", () => appPids().length === 0, 20_000);
    const saved = JSON.parse(readFileSync(savedFile, "utf8"));
    if (saved.header.subject !== "đóng cửa sổ khi chưa lưu (E2E)") throw new Error(`saved subject: ${saved.header.subject}`);
    if (readRecovery()) throw new Error("recovery copy left after saving");
    await endSession();
  }, "never-lost");

  await step("× rồi «Không lưu»: đóng, không ghi tệp, xóa bản lưu tạm", async () => {
    await launch();
    await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
    await click("#new-sample");
    await until("editor", () => exec(`return !!document.querySelector('textarea[name=subject]')`));
    await type("textarea[name=subject]", "không lưu thay đổi này (E2E)");
    await wmCloseAsked("unsaved question");
    if (readRecovery()?.report?.header?.subject !== "không lưu thay đổi này (E2E)") throw new Error("no recovery copy while asking");
    await clickClosing("#ask-discard");
    await until("app closed", () => appPids().length === 0, 20_000);
    if (readRecovery()) throw new Error("recovery copy left after «Không lưu»");
    if (readFileSync(savedFile, "utf8").includes("không lưu thay đổi này")) throw new Error("the file was written");
    await endSession();
  }, "never-lost");

  const own = `${dir}/ke-hoach-rieng.baocao`;
  if (existsSync(savedFile)) writeFileSync(own, readFileSync(savedFile));
  await step("«Mở…» và «Trang đầu» khi chưa lưu: hỏi trước; Hủy giữ nguyên báo cáo và hoàn tác", async () => {
    await launch();
    await until("start screen", () => exec(`return !!document.querySelector('#open-file')`));
    await exec(`window.__e2eOpen = arguments[0]; return true;`, [own]);
    await click("#open-file");
    await until("opened", async () => (await subjectValue()) === "đóng cửa sổ khi chưa lưu (E2E)");
    await type("textarea[name=subject]", "sửa rồi định mở tệp khác (E2E)");
    await exec(`window.__e2eOpen = arguments[0]; return true;`, [savedFile]);
    await click("#open");
    await until("question before opening", async () => (await askText()).includes("mở tệp khác"));
    const rec = readRecovery();
    if (rec?.path !== own || rec?.report?.header?.subject !== "sửa rồi định mở tệp khác (E2E)") throw new Error(`recovery copy: ${JSON.stringify({ path: rec?.path, s: rec?.report?.header?.subject })}`);
    await click("#ask-cancel");
    await questionGone();
    if ((await subjectValue()) !== "sửa rồi định mở tệp khác (E2E)") throw new Error("report replaced on Hủy");
    if (await exec(`return document.querySelector('#undo').disabled`)) throw new Error("undo lost");
    await click("#home");
    await until("question before going home", async () => (await askText()).includes("về trang đầu"));
    await key(ESC);
    await questionGone();
    if ((await subjectValue()) !== "sửa rồi định mở tệp khác (E2E)") throw new Error("report closed on Esc");
  }, "never-lost");

  await step("bị tắt đột ngột rồi khôi phục: giữ tên tệp (tiêu đề), Ctrl+S lưu đè đúng tệp đó", async () => {
    await killApp();
    await launch();
    await until("recovery offer", () => exec(`return !!document.querySelector('#restore')`));
    await click("#restore");
    await until("restored", async () => (await subjectValue()) === "sửa rồi định mở tệp khác (E2E)");
    const title = await until("window title", async () => {
      const t = windowTitle();
      return t.includes("ke-hoach-rieng.baocao") ? t : null;
    }, 5_000);
    console.log(`       (tiêu đề cửa sổ: ${title})`);
    await wd("POST", s("/actions"), {
      actions: [{ type: "key", id: "kb", actions: [{ type: "keyDown", value: "\uE009" }, { type: "keyDown", value: "s" }, { type: "keyUp", value: "s" }, { type: "keyUp", value: "\uE009" }] }],
    });
    await until("saved notice", async () => (await noticeText()).includes(`Đã lưu «${own}»`));
    if (JSON.parse(readFileSync(own, "utf8")).header.subject !== "sửa rồi định mở tệp khác (E2E)") throw new Error("not saved over its own file");
  }, "never-lost");

  await step("gõ liên tục 60 s rồi kill -9: bản lưu tạm có mọi thứ gõ đến ít nhất 30 s trước khi tắt", async () => {
    await clickText(".outline li", "Phần đầu");
    await type("textarea[name=subject]", "gõ liên tục");
    const marks = [];
    const start = Date.now();
    const id = await find("textarea[name=subject]");
    let n = 0;
    while (Date.now() - start < 60_000) {
      await wd("POST", s(`/element/${id}/value`), { text: ` ${++n}` });
      marks.push({ t: Date.now(), value: await subjectValue() });
      if (process.env.BAOCAO_E2E_DEBUG) console.log(`         ${Date.now() - start} ms: copy ${existsSync(recoveryFile) ? Math.round(Date.now() - statSync(recoveryFile).mtimeMs) : "-"} ms old`);
      await new Promise((r) => setTimeout(r, 150));
    }
    const killedAt = Date.now();
    await killApp();
    const copiedAt = existsSync(recoveryFile) ? statSync(recoveryFile).mtimeMs : 0;
    const needed = marks.filter((m) => m.t <= killedAt - 30_000).pop();
    await launch();
    await until("recovery offer", () => exec(`return !!document.querySelector('#restore')`));
    await click("#restore");
    const got = await until("restored", () => subjectValue());
    const typedAfter = marks.find((m) => m.value.length > got.length);
    console.log(
      `       (${n} lần gõ trong 60 s; bản lưu tạm cuối ghi ${((killedAt - copiedAt) / 1000).toFixed(1)} s trước khi tắt, có mọi thứ gõ đến ${typedAfter ? ((killedAt - typedAfter.t) / 1000).toFixed(1) : 0} s trước khi tắt)`,
    );
    if (!needed || !got.startsWith(needed.value)) throw new Error(`restored «${got.slice(-40)}» lacks «${needed?.value.slice(-40)}»`);
  }, "never-lost");

  await step("xuất: không ghi đè chính tệp báo cáo (kể cả qua liên kết); tệp chỉ đọc thì hỏi trước", async () => {
    const before = readFileSync(own, "utf8");
    const docx = `${dir}/bao-cao-BC-2019-05-20.docx`;
    rmSync(docx, { force: true });
    symlinkSync(own, docx);
    await click("#export-docx");
    await until("refusal", async () => (await noticeText()).includes("chính là tệp của báo cáo đang mở"));
    if (readFileSync(own, "utf8") !== before) throw new Error("the report file was overwritten");
    rmSync(docx);
    const pdf = `${dir}/bao-cao-BC-2019-05-20.pdf`;
    rmSync(pdf, { force: true });
    writeFileSync(pdf, "cũ");
    chmodSync(pdf, 0o444);
    await click("#export-pdf");
    await until("read-only question", async () => (await askText()).includes("chỉ cho phép đọc"));
    await shot("e2e-read-only-question.png");
    await click("#ask-cancel");
    await questionGone();
    if (readFileSync(pdf, "utf8") !== "cũ") throw new Error("replaced without asking");
    await click("#export-pdf");
    await until("read-only question", async () => (await askText()).includes("chỉ cho phép đọc"));
    await click("#ask-replace");
    await until("export notice", async () => (await noticeText()).includes("Đã xuất"));
    if (!readFileSync(pdf).subarray(0, 5).toString().startsWith("%PDF")) throw new Error("not replaced after «Thay thế»");
    await wmCloseAsked("unsaved question");
    await clickClosing("#ask-discard");
    await until("app closed", () => appPids().length === 0, 20_000);
    await endSession();
  }, "never-lost");

  await step("× ngay sau khi gõ: hỏi trước (giao diện quyết định theo trạng thái hiện tại); × khi đã lưu: đóng ngay, không hỏi", async () => {
    await launch();
    await until("start screen", () => exec(`return !!document.querySelector('#open-file')`));
    await exec(`window.__e2eOpen = arguments[0]; return true;`, [own]);
    await click("#open-file");
    await until("opened", async () => (await subjectValue()).length > 0);
    // One letter typed, then × at once: the question must come even if the shell's «unsaved»
    // flag is still on its way.
    const id = await find("textarea[name=subject]");
    await wd("POST", s(`/element/${id}/value`), { text: "x" });
    await wmCloseAsked("question right after typing");
    await clickClosing("#ask-discard");
    await until("app closed", () => appPids().length === 0, 20_000);
    await endSession();
    await launch();
    await until("start screen", () => exec(`return !!document.querySelector('#open-file')`));
    await exec(`window.__e2eOpen = arguments[0]; return true;`, [own]);
    await click("#open-file");
    await until("opened", async () => (await subjectValue()).length > 0);
    const sent = Date.now();
    wmClose();
    await until("app closed without a question", () => appPids().length === 0, 20_000);
    const asked = readFileSync(process.env.BAOCAO_TRACE_CLOSE, "utf8")
      .split("\n")
      .some((l) => Number(l.split(" ")[0]) >= sent && l.endsWith(" ui: question on screen"));
    if (asked) throw new Error(`asked before closing a saved report:\n${closeTrace(sent)}`);
    await endSession();
  }, "never-lost");
} catch (e) {
  results.push(["session", e]);
  console.log(`  FAIL session: ${e.message}`);
} finally {
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
}

const failed = results.filter(([, e]) => e).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
