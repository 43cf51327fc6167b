// Drives the real Soạn Báo Cáo window through W3C WebDriver (tauri-driver). No dependencies:
// Node's fetch. Native file dialogs are replaced by BAOCAO_E2E_DIALOG_DIR (WebDriver cannot
// drive GTK dialogs); everything else is the real app.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const base = `http://127.0.0.1:${process.env.TAURI_DRIVER_PORT}`;
const dir = process.env.BAOCAO_E2E_DIALOG_DIR;
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
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}
const s = (p) => `/session/${session}${p}`;
const exec = (script, args = []) => wd("POST", s("/execute/sync"), { script, args });
const find = async (css) => (await wd("POST", s("/element"), { using: "css selector", value: css }))[EL];
const click = async (css) => wd("POST", s(`/element/${await find(css)}/click`), {});
async function clickText(css, text) {
  const ok = await exec(
    `const el=[...document.querySelectorAll(arguments[0])].find(e=>e.textContent.includes(arguments[1])); if(!el) return false; el.click(); return true;`,
    [css, text],
  );
  if (!ok) throw new Error(`no ${css} with text ${text}`);
}
// Replaces a field's text. WebDriver's clear can race React's controlled inputs (the old text
// comes back before the keys arrive), so the result is checked and the typing redone if needed.
async function type(css, text) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const id = await find(css);
    await wd("POST", s(`/element/${id}/clear`), {});
    await until(`${css} empty`, () => exec(`return document.querySelector(arguments[0])?.value === ''`, [css]), 5_000).catch(() => {});
    await wd("POST", s(`/element/${id}/value`), { text });
    const value = await exec(`return document.querySelector(arguments[0])?.value ?? null`, [css]);
    if (value === text) return;
  }
  throw new Error(`could not type into ${css}`);
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
const previewText = () => exec(`return document.querySelector('.pages')?.textContent ?? ''`);
const noticeText = () => exec(`return document.querySelector('#notice')?.textContent ?? ''`);

async function step(name, fn) {
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
  launched = Date.now();
  session = (
    await wd("POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: process.env.BAOCAO_APP } } },
    })
  ).sessionId;

  await step("sau khi chương trình bị tắt đột ngột: đề nghị khôi phục bản lưu tạm", async () => {
    await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
    console.log(`       (khởi động đến màn hình đầu: ${Date.now() - launched} ms)`);
    await until("recovery offer", () => exec(`return !!document.querySelector('#restore')`));
    await click("#restore");
    await until("restored subject", () =>
      exec(`return document.querySelector('textarea[name=subject]')?.value === 'bản lưu tạm trước khi chương trình bị tắt (E2E)'`),
    );
    await clickText(".toolbar button", "Trang đầu");
  });

  await step("mở báo cáo mẫu từ màn hình đầu", async () => {
    await until("start screen", () => exec(`return !!document.querySelector('#new-sample')`));
    await click("#new-sample");
    await until("editor", () => exec(`return !!document.querySelector('.toolbar')`));
    await until("preview pages", async () => (await previewText()).includes("ĐẢNG CỘNG SẢN VIỆT NAM"));
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

  await step("đo: bộ nhớ khi mở báo cáo mẫu; độ trễ xem trước với báo cáo 30 trang", async () => {
    const rss = execFileSync("bash", ["-c", "ps -C soan-bao-cao,WebKitWebProcess,WebKitNetworkProcess -o rss= | awk '{s+=$1} END {print s}'"], {
      encoding: "utf8",
    }).trim();
    console.log(`       (RSS ứng dụng + tiến trình WebKit: ${(Number(rss) / 1024).toFixed(0)} MB)`);
    if (!process.env.BAOCAO_LONG_REPORT) return;
    await exec(`window.__e2eOpen = arguments[0]; return true;`, [process.env.BAOCAO_LONG_REPORT]);
    await click("#open");
    await until("long report preview", () => exec(`return document.querySelectorAll('.pages .page').length >= 28`), 30_000);
    await clickText(".outline li", "Phần đầu");
    const times = [];
    for (const word of ["một", "hai", "ba", "bốn", "năm"]) {
      const id = await find("input[data-path='header.place']");
      await exec(`window.__previewLatency = []; return true;`);
      await wd("POST", s(`/element/${id}/value`), { text: word });
      await until("edit in preview", async () => (await previewText()).includes(`${word}, ngày`));
      const lat = await until("latency", () => exec(`const l = window.__previewLatency; return l && l.length ? l[l.length - 1] : null`));
      times.push(Math.round(lat));
    }
    times.sort((a, b) => a - b);
    console.log(`       (xem trước báo cáo ${await exec("return document.querySelectorAll('.pages .page').length")} trang, từ phím cuối đến trang mới trên màn hình: trung vị ${times[2]} ms, lớn nhất ${times[4]} ms; gồm 120 ms chờ gõ xong)`);
  });

  await step("mẫu: tạo báo cáo «Tổng kết 05 năm» qua trình hướng dẫn, gợi ý chỉ hiện khi soạn", async () => {
    await clickText(".toolbar button", "Trang đầu");
    await until("templates on the start screen", () => exec(`return !!document.querySelector('li[data-template=tong-ket-05-nam] button')`));
    await click("li[data-template=tong-ket-05-nam] button");
    await until("wizard", () => exec(`return !!document.querySelector('#q-huyen')`));
    await type("#q-huyen", "Cầu Kè");
    await click("#wizard-create");
    await until("report from the template in the preview", async () => {
      const t = await previewText();
      return t.includes("tổng kết 05 năm thực hiện Chỉ thị 05") && t.includes("HUYỆN ỦY CẦU KÈ") && t.includes("Phần thứ nhất");
    });
    await clickText(".outline li", "Phần thứ 1");
    const hint = await until("guidance hint", () => exec(`return document.querySelector('.guide')?.textContent ?? ''`));
    if ((await previewText()).includes(hint.replace("Gợi ý:", "").trim())) throw new Error("the hint is printed");
  });

  await step("báo cáo kỳ sau: ngày lùi một năm, số văn bản xoá, số liệu cần cập nhật được liệt kê", async () => {
    await clickText(".outline li", "Phần đầu");
    const before = await exec(`return document.querySelector('#ngay-ban-hanh').value`);
    await click("#next-period");
    await until("next-period notice", async () => (await noticeText()).includes("Đã tạo báo cáo kỳ sau"));
    const after = await exec(`return document.querySelector('#ngay-ban-hanh').value`);
    if (Number(after.slice(0, 4)) !== Number(before.slice(0, 4)) + 1) throw new Error(`date ${before} → ${after}`);
    await until("to-update list", () => exec(`return (document.querySelector('.problems')?.textContent ?? '').includes('cần cập nhật')`));
  });

  await step("lưu làm mẫu, đổi tên và xuất mẫu trong trình quản lý mẫu", async () => {
    await click("#save-template");
    await type("#template-name", "Mẫu thử E2E");
    await click("#template-save");
    await until("saved template", async () => (await noticeText()).includes("Đã lưu mẫu"));
    await clickText(".toolbar button", "Trang đầu");
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
} catch (e) {
  results.push(["session", e]);
  console.log(`  FAIL session: ${e.message}`);
} finally {
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
}

const failed = results.filter(([, e]) => e).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
