# Zip names without the UTF-8 flag, for bench/zip-names-measure.ts: names as sellers' Windows zippers write them: real-ish words per code page, composed at random
# (a word, two words joined by _ or a space or nothing, a level number, a suffix), encoded in that page.
# Usage: python3 bench/zip-names-make.py SEED COUNT OUT.json
import json, random, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 41)
KATA = "アイテム アカウント データ リスト ファイル パスワード ユーザー ログイン メール ポケモン トレーナー レベル バックアップ ストック セット テスト ゲーム アイテム ショップ サーバー オーダー カード ポイント キャンセル チェック ステータス フォルダ メモ ノート テキスト ドキュメント ダウンロード アップロード サイン コピー エラー ライン リスト ナンバー コード ネット モバイル スマホ アンドロイド アイフォン トップ ランク ボックス ケース タイム クリア ルール マップ モンスター スター ハンター キング クイーン セール フリー オフ オン ロック キー ワールド アプリ シート ブック メイン サブ サイト ホーム ニュース ヘルプ サポート ミス タイプ ラスト ファースト ネクスト カウント トータル マックス ミニ アクセス アルバム イベント エリア オプション カメラ グループ ゴールド シルバー スキル ソフト タスク チーム ツール デバイス ナイト パーティー ヒント フレンド ベスト ボーナス マスター ミッション メンバー ユニット リスト レア ロスト ワイルド".split()
JA_WIDE = "在庫 一覧 会員 名簿 新規 予備 売却 販売 確認 個人 注文 保存 資料 普通 完了 アカウント レベル 表 控え ゲーム用 リスト 整理 済み 未使用 使用済み".split()
ZH = "账号 密码 等级 库存 正常 封号 新号 老号 备份 文件 资料 数据 列表 用户 邮箱 精灵 宝可梦 训练师 出售 批发 成品号 白号 满级 小号 大号 全部 已用 未用 可用 测试 客户 订单 发货 卖家 买家 批量 注册 登录 游戏 手机 安卓 苹果 电脑 新建 文件夹 图片 说明 备注 存货 剩余 第一 第二 批次 今天 昨天 价格 清单 汇总 合集 分类 高级 中级 低级 地区 中国 美国 日本 账户 帐号 帐户 名单 完成 失败 成功".split()
TW = "帳號 密碼 等級 庫存 正常 封號 新號 舊號 備份 檔案 資料 數據 列表 用戶 信箱 精靈 寶可夢 訓練師 出售 批發 成品號 白號 滿級 小號 全部 已用 未用 可用 測試 客戶 訂單 發貨 賣家 買家 註冊 登入 遊戲 手機 新增 資料夾 圖片 說明 備註 存貨 剩餘 第一 批次 今天 價格 清單 彙總 分類 高級 台灣 香港 帳戶 名單 完成 失敗 成功".split()
RU = "аккаунты пароли уровень список база рабочие новые старые забаненные проверенные склад заказ покупатель продавец почта логины игра покемон тренер резерв копия файл данные готовые чистые уровни партия вторая первая сегодня вчера".split()
KO = '계정 비밀번호 레벨 재고 정상 정지 새계정 목록 파일 자료 데이터 사용자 이메일 포켓몬 트레이너 판매 구매 완료 실패 성공 오늘 어제 가격 전체 사용 미사용 백업 테스트 주문 고객 게임 모바일 폴더 메모'.split()
WEST = "cuentas contraseñas nivel lista años niño información usadas não senhas contas níveis Größe Bestände Konten Passwörter prüfen geprüft fertig comptes niveau réservé vérifié dépôt données código señal mañana también".split()
# Full-width katakana to half-width (Unicode's Halfwidth and Fullwidth Forms block, as an IME writes it).
base = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
HW = {c: chr(0xFF66 + i) for i, c in enumerate(base)}
HW['。'] = '｡'
VOICE = {"ガ":"カ","ギ":"キ","グ":"ク","ゲ":"ケ","ゴ":"コ","ザ":"サ","ジ":"シ","ズ":"ス","ゼ":"セ","ゾ":"ソ","ダ":"タ","ヂ":"チ","ヅ":"ツ","デ":"テ","ド":"ト","バ":"ハ","ビ":"ヒ","ブ":"フ","ベ":"ヘ","ボ":"ホ","ヴ":"ウ"}
SEMI = {"パ":"ハ","ピ":"ヒ","プ":"フ","ペ":"ヘ","ポ":"ホ"}
def half(word):
    out = ''
    for c in word:
        if c in VOICE: out += HW[VOICE[c]] + '\uff9e'
        elif c in SEMI: out += HW[SEMI[c]] + '\uff9f'
        else: out += HW.get(c, c)
    return out
def compose(words, sep_choices, upper=False):
    r = random.random()
    w = random.choice(words)
    if r < 0.3: name = w
    elif r < 0.6: name = w + random.choice(sep_choices) + random.choice(words)
    elif r < 0.8: name = w + random.choice(['', '_', ' ', '-']) + str(random.choice([1, 2, 5, 10, 20, 25, 30, 31, 35, 40]))
    else: name = random.choice(words) + '/' + w
    if upper and random.random() < 0.3: name = name.upper() if random.random() < 0.5 else name.capitalize()
    return name + random.choice(['.txt', '.txt', '.csv', '', '/'])
pages = {
    'cp932-half': (lambda: compose([half(k) for k in KATA], ['', '_', ' ']), 'cp932'),
    'cp932': (lambda: compose(KATA + JA_WIDE, ['', '_', '・']), 'cp932'),
    'gbk': (lambda: compose(ZH, ['', '_', ' ']), 'gbk'),
    'big5': (lambda: compose(TW, ['', '_', ' ']), 'big5'),
    'cp949': (lambda: compose(KO, ['', '_', ' ']), 'cp949'),
    'cp866': (lambda: compose(RU, ['_', ' ', '-'], True), 'cp866'),
    'cp1251': (lambda: compose(RU, ['_', ' ', '-'], True), 'cp1251'),
    'cp437': (lambda: compose(WEST, ['_', ' ', '-']), 'cp437'),
}
rows = []
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
for page, (make, codec) in pages.items():
    seen = 0
    while seen < n:
        name = make()
        try: raw = name.encode(codec)
        except UnicodeEncodeError: continue
        if all(b < 0x80 for b in raw): continue
        rows.append({'page': page, 'name': name, 'hex': raw.hex()}); seen += 1
for r in rows: r['cp437'] = bytes.fromhex(r['hex']).decode('cp437')  # yauzl's reading, APPNOTE's default
json.dump(rows, open(sys.argv[3], 'w'), ensure_ascii=False)
