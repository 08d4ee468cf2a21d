// The 512 most frequent characters of Korean (EUC-KR's Hangul), Simplified Chinese (GB2312) and
// Traditional Chinese (Big5) text, in order: the characters whose frequency order is below 512 in
// chardet's tables (chardet/chardet `chardet/euckrfreq.py`, `gb2312freq.py`, `big5freq.py`, from
// Mozilla's universal charset detector; `chardistribution.py` counts a character as frequent at
// order < 512 so), listed here by their characters. archive-zip-names.ts tells a zip's Korean names
// from Chinese ones by them: EUC-KR's Hangul bytes are GB2312's hanzi bytes, and read in the wrong
// page a name's characters fall among these sets' few, as chardet's distribution analysis uses them.

/** Korean: Hangul syllables. */
export const FREQUENT_HANGUL = new Set(
  '다이는하에을의로를한스서지가은있고리어기것용사수일트해시그들도정자면니인라으할나드보만여파되설게대터러제문아프부우적된버과모주위치크분와전디요메소상명경않작때음' +
  '실신야장바데입같행구세내포동화템눅마른없당유호록개원성함습비합필번방커더결운든네간널단관션키래능저공각두패려토오램안중연력거령조법계미며워예또레생재선타진본알반' +
  '렉통업컴었체준많히변접역식속등확처글약무블될매페현표브웨출름테목루형배추팅환발티쓰말했까특클언넷떤항임점값카참열영따코택받최직르몇줄링런란읽윈새질후립복료플옵찾' +
  '렇권째좋태별물람겠편린퓨볼므근차종못초잘달절머존져외써검뉴됩금불판베색피집림았럼떻심누퍼웍순킷허련막얻케얼듈끝완론양꼴갖넣싶첫산곳송놓즉느올돌튼응격먼길답던백꾸' +
  '콜앞였축혹쉘건너감쪽회움증룹캐술닉규맞책웹청류엔교릭엇온쉽급십께셋빠턴켜향텍난뒬렬품풀좀콘켓컬노걸쉬큐날붙쓸석뒤쳐충럽긴잡험년락벽살딩즈박효럭킨낸월뎀죠압숫킹몬' +
  '강국킬넘닌뿐활롬픽겨담투왜창병솔짜삭군줍폴홈톨릴슬졌폰칙섹견낼햇울밀큰젝맨및떠롤밍펴애둘채헤혀멀벨슷억독취남랍범젼냐학황손왑센큼랙핑평량틸암익높툴략꼭냥즘쓴왔찬' +
  '밖갈듯침옮칩씩논겁측랜텔뜻컨율친틀천핸벤맷잠눌액틴탑롭족갱욱똑엄',
);

/**
 * Simplified Chinese: the 1,024 most frequent hanzi of GB2312 in frequency order (order < 1024 in
 * chardet's `gb2312freq.py`, 92 % of Chinese text by its own count): its first 512 are
 * FREQUENT_GB2312, the whole list COMMON_GB2312.
 */
const GB2312_BY_FREQUENCY = [...(
  '的一国在人了有中是年和大业不为发会工经上地市要个产这出行作生家以成到日民来我部对进多全建他公开们场展时理新方主企资实学报制政济用同于法高长现本月定化加动合品重关' +
  '机分力自外者区能设后就等体下万元社过前面农也得与说之员而务利电文事可种总改三各好金第司其从平代当天水省提商十管内小技位目起海所立已通入量子问度北保心还科委都术使' +
  '明着次将增基名向门应里美由规今题记点计去强两些表系办教正条最达特革收二期并程厂如道际及西口京华任调性导组东路活广意比投决交统党南安此领结营项情解议义山先车然价放' +
  '世间因共院步物界集把持无但城相书村求治取原处府研质信四运县军件育局干队团又造形级标联专少费效据手施权江近深更认果格几看没职服台式益想数单样只被亿老受优常销志战流' +
  '很接乡头给至难观指创证织论别五协变风批见究支那查张精每林转划准做需传争税构具百或才积势举必型易视快李参回引镇首推思完消值该走装众责备州供包副极整确知贸己环话反身' +
  '选亚么带采王策真女谈严斯况色打德告仅它气料神率识劳境源青护列兴许户马港则节款拉直案股光较河花根布线土克再群医清速律她族历非感占续师何影功负验望财类货约艺售连纪按' +
  '讯史示象养获石食抓富模始住赛客越闻央席坚份士热限米银息校均房周游亍千失八检足配存九命尔即防钱评复考依断范础油照段落访未额双让切须儿便空往你层低奖注黄英承远版维算' +
  '破铁乐边初满病响药助致善突爱容香称购届余素请白宣健牌促培竞巴稳继紧字困刘旅声超随例担友号显却监材且春居适除红半买充陈火搞图阳六察试太什执片古七球修尽控讲排粮武预' +
  '亲挥卖审措荣洲卫希店良属险曾围域令站苏龙念罗吨器汇康减习演普田班待星飞写矿轻扩言章汽靠毛终仍景置底福止离泽波兰核降训逐票菜座献钢眼损宁像苦印融独湖早予夫编换欧努' +
  '著顾征升态套介送某斗状画留航派室临兵补宝略黑综云差纳密贫剧犯阿击遇岁阶烈督吃丰馆招害官树听庭另沙私针胜贷网愿托缺园假酒音巨既判输讨测读洋括筑欢刚庆久陆找楼激晚绝' +
  '压故互签汉草木亩短绍迎吸警藏疗贵纷授登探索湾宏录申诉秀序顺死卡歌午孩桥喜川邓扬津温船库订练候退违否彩棉帮拿罪币角召灾妇杨奋绩虽煤免笔够永停奥鲜朝吴岛觉移尼急博贯' +
  '拥束左细舞幅语俄奇般简拍脑债固威券追筹刻映繁伟甚饭右彻烟沿街血冲洪植誉刊玉厅救潮迅伍怎付倍顿述播励斤乎纸振旧障鼓艰呼吉男绿尚夏亏季松哈祖典韩遍夜轮板抗摄杂皮贡借' +
  '幕罚伤岸扶乱曲脱践危澳童散味叶累谢孙邮雄兼微呢谁惠偿署择染答块徐鱼赞课盛延瑞怀堂驻零辆齐胡途封似润守毕坦母雨败朱污趋械纺租灵拓残'
)];

/** Simplified Chinese: hanzi of GB2312. */
export const FREQUENT_GB2312 = new Set(GB2312_BY_FREQUENCY.slice(0, 512));

/** Traditional Chinese: hanzi of Big5. */
export const FREQUENT_BIG5 = new Set(
  '的一是不有在人我大了中以會為這國上時來個他可到要年出也生就之能對成十公行後地而多家們與用下業自學作電日於說發得好過所子和方經都小分新動長事心你台及機如工三因前法' +
  '天現二本開外最高同將主當看民美然者理車其但著部表面定市資全此力情間加場文體去政員點還進很內沒司金相那五無意實月等麼重起由位並元性品四兩想她合只種名關果化水或路已' +
  '產提道問目度選更第期教使式明應影些入至手比常代樣務利保回次從特程正計網立百活九設再總八感女話六讓灣報身示各頭色真物安受做統打己數才題商通任每展知原空交信處萬太先' +
  '氣樂北建院被區接畫老球裡今風師七別股華視像又光少服投向則海達許價何愛見管基解音放東案結調單傳專告議認科造指馬書請未量世該共社口平持件流界術完張系什強即直導山變片' +
  '型把費客西給連運醫收觀辦組求腦演技友林門除近研料覺容幾必南號營非改府戰您難望廣且需士線花局歡具格兒卻較聯斯推記訊快際參制取往包育走言星帶質舉軍陳整治備決病喜轉功' +
  '裝約飛錢供義反項類精千器臺圖聲企清論便標李形團易票黨眾證它委規率親聽助效英白男考遊亞排深配節步始查引預濟神廠警買另集環住製究克候舞輕曾份吃眼滿支象邊消卡試校德續' +
  '速權條存熱顯失早獲準照創站香須低房命陸死境航賽段首協孩仍據增遠嗎',
);

/**
 * Simplified Chinese: the 1,024 most frequent hanzi of GB2312, for telling half-width katakana from
 * hanzi whose bytes are the same (archive-zip-names.ts, halfwidthKana): a Chinese name's
 * characters are among them most of the time; a kana name read as hanzi is pairs taken at random
 * from GB2312's 3,755 first-level ones, about a quarter of them among these.
 */
export const COMMON_GB2312 = new Set(GB2312_BY_FREQUENCY);
