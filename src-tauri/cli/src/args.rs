//! The command line: the commands and their options (clap), with the help in Vietnamese.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "baocao",
    version,
    about = "Soạn Báo Cáo: xuất báo cáo đúng thể thức văn bản của Đảng (HD 36) và văn bản hành chính (NĐ 30)",
    disable_help_subcommand = true
)]
// The command line (doc comments here would become the help text).
pub(crate) struct Cli {
    // The command.
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Cho phép ghi đè tệp kết quả đã có nhưng chỉ cho đọc.
    #[arg(long, global = true)]
    pub(crate) force: bool,
}

// The commands (each variant's doc comment is its help, in Vietnamese).
#[derive(Subcommand)]
pub(crate) enum Command {
    /// Xuất báo cáo ra tệp Word (.docx), PDF hoặc trang SVG; không có tệp vào thì xuất báo cáo mẫu.
    Render {
        /// Tệp báo cáo (.json); bỏ trống để dùng báo cáo mẫu có sẵn.
        report: Option<PathBuf>,
        /// Tệp kết quả (.docx, .pdf) hoặc thư mục (svg); mặc định cùng tên với tệp báo cáo.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Định dạng kết quả: docx, pdf hoặc svg; mặc định theo đuôi tệp kết quả.
        #[arg(short, long)]
        format: Option<String>,
        /// Định dạng thể thức: mã có sẵn (hd36, hd05, nd30) hoặc tệp .toml đã chỉnh; mặc định theo báo cáo (văn bản của Đảng: theo ngày văn bản).
        #[arg(short, long)]
        profile: Option<String>,
        /// Vẫn xuất Word hoặc PDF khi báo cáo còn lỗi chặn (như nút «Vẫn xuất» của chương trình).
        #[arg(long = "van-xuat")]
        anyway: bool,
    },
    /// Ghi báo cáo mẫu (sơ kết 03 năm Chỉ thị 05) ra tệp JSON để sửa.
    Sample {
        /// Tệp kết quả; bỏ trống để in ra màn hình.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Kiểm tra tệp báo cáo và liệt kê mọi lỗi, cảnh báo.
    Validate {
        /// Tệp báo cáo (.json).
        report: PathBuf,
        /// Định dạng thể thức (mã hoặc tệp .toml); mặc định theo báo cáo.
        #[arg(short, long)]
        profile: Option<String>,
    },
    /// Kiểm tra thể thức, nội dung và chính tả; in từng lỗi với chỗ của nó; thoát mã 1 khi có lỗi chặn.
    Check {
        /// Tệp báo cáo (.json hoặc .baocao).
        report: PathBuf,
        /// In kết quả dạng JSON.
        #[arg(long)]
        json: bool,
        /// Định dạng thể thức (mã hoặc tệp .toml); mặc định theo báo cáo.
        #[arg(short, long)]
        profile: Option<String>,
        /// Từ điển riêng (mỗi dòng một từ); mặc định tệp tu-dien.txt trong thư mục dữ liệu của ứng dụng.
        #[arg(long)]
        words: Option<PathBuf>,
    },
    /// Ghi một định dạng thể thức có sẵn (hd36, hd05, nd30) ra tệp TOML để chỉnh.
    Profile {
        /// Mã định dạng: hd36, hd05 hoặc nd30.
        id: String,
        /// Tệp kết quả; bỏ trống để in ra màn hình.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// So bản PDF của chương trình với bản LibreOffice in từ tệp Word, từng trang một.
    Fidelity {
        /// Tệp báo cáo (.json); bỏ trống để dùng báo cáo mẫu.
        report: Option<PathBuf>,
        /// Định dạng thể thức (mã hoặc tệp .toml); mặc định theo báo cáo.
        #[arg(short, long)]
        profile: Option<String>,
        /// Số từ đầu trang và số từ cuối trang đem so.
        #[arg(long, default_value_t = 8)]
        words: usize,
    },
    /// Liệt kê các mẫu báo cáo: mẫu có sẵn và mẫu của người dùng.
    Templates {
        /// Thư mục mẫu của người dùng (mặc định: thư mục dữ liệu của ứng dụng).
        #[arg(long)]
        library: Option<PathBuf>,
    },
    /// Tạo báo cáo mới từ một mẫu, điền các chỗ trống bằng --set khoa=gia_tri.
    New {
        /// Mã mẫu (xem «baocao templates»).
        #[arg(short, long)]
        template: String,
        /// Điền một chỗ trống: khoa=gia_tri (lặp lại được).
        #[arg(short, long = "set", value_name = "KHOA=GIA_TRI")]
        set: Vec<String>,
        /// Tệp báo cáo kết quả (.json hoặc .baocao).
        #[arg(short, long)]
        output: PathBuf,
        /// Thư mục mẫu của người dùng.
        #[arg(long)]
        library: Option<PathBuf>,
    },
    /// Nhập báo cáo từ tệp Word (.docx; .doc qua LibreOffice): in những gì nhận ra và những đoạn giữ nguyên.
    Import {
        /// Tệp Word (.docx hoặc .doc).
        file: PathBuf,
        /// Tệp báo cáo kết quả (.json).
        #[arg(short, long)]
        output: PathBuf,
        /// In kết quả nhận dạng dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Tạo biểu mẫu Excel (.xlsx) để đơn vị điền số liệu vào các bảng của báo cáo.
    Form {
        /// Tệp báo cáo (.baocao, .json).
        report: PathBuf,
        /// Tệp biểu mẫu (.xlsx); với --all-units là thư mục, mỗi đơn vị một tệp.
        #[arg(short, long)]
        output: PathBuf,
        /// Tên đơn vị ghi sẵn trong biểu mẫu; bỏ trống thì đơn vị tự ghi tên.
        #[arg(long)]
        unit: Option<String>,
        /// Mỗi đơn vị trong danh sách của báo cáo (hoặc của --units) một biểu mẫu, ghi vào thư mục -o.
        #[arg(long)]
        all_units: bool,
        /// Danh sách đơn vị (.xlsx/.ods một cột, hoặc .txt mỗi dòng một đơn vị).
        #[arg(long)]
        units: Option<PathBuf>,
    },
    /// Tổng hợp số liệu từ biểu mẫu (.xlsx, .xls, .ods) và báo cáo (.baocao, .docx) của các đơn vị.
    Compile {
        /// Tệp báo cáo tổng hợp (.baocao, .json).
        report: PathBuf,
        /// Các tệp đơn vị gửi.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Tệp báo cáo kết quả (.json).
        #[arg(short, long)]
        output: PathBuf,
        /// Danh sách đơn vị phải báo cáo (.xlsx/.ods một cột, hoặc .txt mỗi dòng một đơn vị).
        #[arg(long)]
        units: Option<PathBuf>,
        /// Bỏ qua tệp này (tên tệp), ví dụ khi đơn vị gửi hai lần.
        #[arg(long)]
        exclude: Vec<String>,
        /// In kết quả kiểm tra dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Chuyển văn bản gõ bằng bảng mã cũ (TCVN3/ABC, VNI-Windows) sang Unicode dựng sẵn (NFC).
    Convert {
        /// Tệp văn bản; «-» để đọc từ đầu vào chuẩn.
        file: String,
        /// Bảng mã nguồn: tcvn3, vni hoặc auto (tự nhận ra).
        #[arg(long, default_value = "auto")]
        from: String,
        /// Tệp kết quả; bỏ trống để in ra màn hình.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Tạo báo cáo kỳ sau từ một báo cáo: lùi ngày và kỳ, xóa số văn bản, xóa số liệu cần cập nhật.
    Rollforward {
        /// Báo cáo kỳ này (.json hoặc .baocao).
        report: PathBuf,
        /// Báo cáo kỳ sau.
        #[arg(short, long)]
        output: PathBuf,
        /// Số năm lùi kỳ báo cáo và ngày (khi không ghi --start-year, --end-year).
        #[arg(long, default_value_t = 1)]
        years: i32,
        /// Năm bắt đầu của kỳ mới (cùng --end-year), ví dụ 2016 cho tổng kết 2016–2021.
        #[arg(long, requires = "end_year")]
        start_year: Option<i32>,
        /// Năm cuối của kỳ mới; ngày báo cáo lùi theo năm này.
        #[arg(long)]
        end_year: Option<i32>,
        /// Loại báo cáo kỳ mới: nam (hằng năm), so-ket, tong-ket; không ghi thì giữ như cũ.
        #[arg(long, value_parser = ["nam", "so-ket", "tong-ket"])]
        kind: Option<String>,
    },
    /// Quản lý mẫu của người dùng: lưu báo cáo làm mẫu, đổi tên, xóa, xuất ra tệp, nhập từ tệp.
    Template {
        #[command(subcommand)]
        action: TemplateAction,
        /// Thư mục mẫu của người dùng.
        #[arg(long, global = true)]
        library: Option<PathBuf>,
    },
    /// In lược đồ JSON (JSON Schema) của tệp báo cáo.
    Schema {
        /// Tệp kết quả; bỏ trống để in ra màn hình.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

// What `baocao template` does to the user's templates.
#[derive(Subcommand)]
pub(crate) enum TemplateAction {
    /// Lưu một báo cáo làm mẫu.
    Save {
        /// Báo cáo.
        report: PathBuf,
        /// Tên mẫu.
        #[arg(short, long)]
        name: String,
    },
    /// Đổi tên một mẫu của người dùng.
    Rename {
        /// Mã mẫu.
        id: String,
        /// Tên mới.
        #[arg(short, long)]
        name: String,
    },
    /// Xóa một mẫu của người dùng.
    Delete {
        /// Mã mẫu.
        id: String,
    },
    /// Xuất một mẫu ra tệp để chia sẻ.
    Export {
        /// Mã mẫu.
        id: String,
        /// Tệp kết quả.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Nhập một mẫu từ tệp.
    Import {
        /// Tệp mẫu.
        file: PathBuf,
    },
}
