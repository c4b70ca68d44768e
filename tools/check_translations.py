"""The translations of the check messages (``catalogue.messages.Message``): what ``check`` and the editor say of a
record, in the languages of ``translations.py`` (fr, es, ar, ru, zh, in that order). ``translations.py`` writes them
into ``catalogue/locale/<lang>.po`` with the interface's table.

Ids, field names (``access_url``, ``valid_to``), formats (``YYYY-MM-DD``) and code words stay as they are; every
``%(name)s`` of a message stays in each translation. A noun given as a parameter (``%(what)s``: "licence", "terms of
use") is a bare noun in the nominative: the sentences are phrased around it ("licence : identifiant « X » inconnu"),
so that no article, case or agreement depends on which noun it is.
"""

from __future__ import annotations

CHECKS: dict[str, tuple[str, str, str, str, str]] = {
    # a search's parameters
    "'%(name)s' is given more than once": ("« %(name)s » est donné plus d'une fois", "'%(name)s' se da más de una vez",
                                           "'%(name)s' مُعطى أكثر من مرة", "«%(name)s» задан более одного раза",
                                           "“%(name)s”给出了不止一次"),
    "'%(name)s' holds a control character": ("« %(name)s » contient un caractère de contrôle",
                                             "'%(name)s' contiene un carácter de control", "'%(name)s' يحتوي على محرف تحكم",
                                             "«%(name)s» содержит управляющий символ", "“%(name)s”包含控制字符"),
    "the search is longer than %(count)s characters": (
        "la recherche dépasse %(count)s caractères", "la búsqueda supera los %(count)s caracteres",
        "البحث أطول من %(count)s محرفًا", "запрос длиннее %(count)s символов", "搜索内容超过 %(count)s 个字符"),
    "'%(value)s' is not an order: relevance, modified or title": (
        "« %(value)s » n'est pas un ordre : relevance, modified ou title",
        "'%(value)s' no es un orden: relevance, modified o title",
        "'%(value)s' ليس ترتيبًا: relevance أو modified أو title",
        "«%(value)s» — не порядок: relevance, modified или title", "“%(value)s”不是排序方式：relevance、modified 或 title"),
    "the number of results per page is a whole number": (
        "le nombre de résultats par page est un nombre entier", "el número de resultados por página es un número entero",
        "عدد النتائج في الصفحة عدد صحيح", "число результатов на странице — целое число", "每页结果数必须是整数"),
    "the number of results per page is from 1 to %(count)s": (
        "le nombre de résultats par page va de 1 à %(count)s", "el número de resultados por página va de 1 a %(count)s",
        "عدد النتائج في الصفحة من 1 إلى %(count)s", "число результатов на странице — от 1 до %(count)s",
        "每页结果数为 1 到 %(count)s"),
    "a value of '%(name)s' is too long": ("une valeur de « %(name)s » est trop longue",
                                          "un valor de '%(name)s' es demasiado largo", "إحدى قيم '%(name)s' طويلة جدًا",
                                          "значение «%(name)s» слишком длинное", "“%(name)s”的某个值过长"),
    "more than %(count)s filter values": ("plus de %(count)s valeurs de filtre", "más de %(count)s valores de filtro",
                                          "أكثر من %(count)s قيمة تصفية", "более %(count)s значений фильтров",
                                          "筛选值超过 %(count)s 个"),
    "not a page of this search": ("pas une page de cette recherche", "no es una página de esta búsqueda",
                                  "ليست صفحة من هذا البحث", "не страница этого поиска", "不是此搜索的页面"),
    # -- releases of a series and versions of a dataset, in the editor ------------------------------------------
    "'%(id)s' is a release of no series: name its series first": (
        "'%(id)s' n'est une diffusion d'aucune série : indiquez d'abord sa série",
        "'%(id)s' no es una publicación de ninguna serie: indique primero su serie",
        "'%(id)s' ليس إصدارًا من أي سلسلة: حدّد سلسلته أولًا",
        "'%(id)s' не является выпуском ни одной серии: сначала укажите его серию",
        "'%(id)s' 不属于任何系列：请先指定其系列"),
    "'%(id)s' is not the latest release of series '%(series)s': make the next release from '%(latest)s'": (
        "'%(id)s' n'est pas la dernière diffusion de la série '%(series)s' : créez la suivante à partir de "
        "'%(latest)s'",
        "'%(id)s' no es la última publicación de la serie '%(series)s': cree la siguiente a partir de '%(latest)s'",
        "'%(id)s' ليس أحدث إصدار في السلسلة '%(series)s': أنشئ الإصدار التالي من '%(latest)s'",
        "'%(id)s' — не последний выпуск серии '%(series)s': создайте следующий из '%(latest)s'",
        "'%(id)s' 不是系列 '%(series)s' 的最新发布：请从 '%(latest)s' 创建下一次发布"),
    "say what this version changes (its version notes)": (
        "dites ce que change cette version (ses notes de version)",
        "diga lo que cambia esta versión (sus notas de versión)",
        "اذكر ما يغيّره هذا الإصدار (ملاحظات الإصدار)",
        "укажите, что меняет эта версия (примечания к версии)",
        "请说明此版本的变更（版本说明）"),
    "say the id of the new release": ("indiquez l'identifiant de la nouvelle diffusion",
                                      "indique el identificador de la nueva publicación", "اذكر معرّف الإصدار الجديد",
                                      "укажите идентификатор нового выпуска", "请给出新发布的标识"),
    "say the id of the new version": ("indiquez l'identifiant de la nouvelle version",
                                      "indique el identificador de la nueva versión", "اذكر معرّف النسخة الجديدة",
                                      "укажите идентификатор новой версии", "请给出新版本的标识"),
    "the version notes are too long (%(limit)d characters at most)": (
        "les notes de version sont trop longues (%(limit)d caractères au plus)",
        "las notas de versión son demasiado largas (%(limit)d caracteres como máximo)",
        "ملاحظات الإصدار طويلة جدًا (%(limit)d حرفًا على الأكثر)",
        "примечания к версии слишком длинные (не более %(limit)d символов)",
        "版本说明过长（最多 %(limit)d 个字符）"),
    # -- the shape of a record's value, as the editor refuses it ------------------------------------------------
    "an object": ("un objet", "un objeto", "كائن", "объект", "对象"),
    "a list": ("une liste", "una lista", "قائمة", "список", "列表"),
    "a single value": ("une valeur simple", "un valor simple", "قيمة مفردة", "одно значение", "单个值"),
    "%(first)s or %(second)s": ("%(first)s ou %(second)s", "%(first)s o %(second)s", "%(first)s أو %(second)s",
                                "%(first)s или %(second)s", "%(first)s或%(second)s"),
    "a local %(format)s file of a dataset with confidential variables cannot be published: the catalogue removes "
    "confidential columns only from tables (CSV, TSV) and would copy it whole; publish a table without them, or link "
    "the file (download_url)": (
        "un fichier local %(format)s d'un jeu de données ayant des variables confidentielles ne peut pas être publié : "
        "le catalogue ne retire les colonnes confidentielles que des tableaux (CSV, TSV) et le copierait en entier ; "
        "publiez un tableau sans elles, ou donnez un lien vers le fichier (download_url)",
        "un archivo local %(format)s de un conjunto de datos con variables confidenciales no puede publicarse: el "
        "catálogo solo quita las columnas confidenciales de las tablas (CSV, TSV) y lo copiaría entero; publique una "
        "tabla sin ellas, o enlace el archivo (download_url)",
        "لا يمكن نشر ملف %(format)s محلي لمجموعة بيانات تحتوي على متغيرات سرية: يزيل الفهرس الأعمدة السرية من "
        "الجداول فقط (CSV وTSV) وسينسخ الملف كاملاً؛ انشر جدولاً بدونها، أو اربط الملف (download_url)",
        "локальный файл %(format)s набора данных с конфиденциальными переменными нельзя опубликовать: каталог удаляет "
        "конфиденциальные столбцы только из таблиц (CSV, TSV) и скопировал бы его целиком; опубликуйте таблицу без "
        "них или дайте ссылку на файл (download_url)",
        "含有保密变量的数据集的本地%(format)s文件不能发布：目录只能从表格（CSV、TSV）中删除保密列，"
        "会将该文件整个复制；请发布不含这些列的表格，或链接该文件（download_url）"),
    "a record takes %(count)s comments at most": (
        "un enregistrement accepte au plus %(count)s commentaires", "un registro admite como máximo %(count)s comentarios",
        "يقبل السجل %(count)s تعليقًا على الأكثر", "запись принимает не более %(count)s комментариев",
        "一条记录最多接受%(count)s条评论"),
    "%(field)s: this field holds %(expected)s, not %(given)s": (
        "%(field)s : ce champ contient %(expected)s, pas %(given)s",
        "%(field)s: este campo contiene %(expected)s, no %(given)s",
        "%(field)s: يحتوي هذا الحقل على %(expected)s، وليس %(given)s",
        "%(field)s: это поле содержит %(expected)s, а не %(given)s",
        "%(field)s：此字段应为%(expected)s，而不是%(given)s"),
    # -- nouns: what a reference or a recommended field names --------------------------------------------------
    "agency": ("organisme", "organismo", "الجهة", "организация", "机构"),
    "agency type": ("type d'organisme", "tipo de organismo", "نوع الجهة", "тип организации", "机构类型"),
    "availability": ("disponibilité", "disponibilidad", "الإتاحة", "доступность", "可用性"),
    "code": ("code", "código", "الرمز", "код", "代码"),
    "codelist": ("liste de codes", "lista de códigos", "قائمة الرموز", "кодовый список", "代码表"),
    "concept": ("concept", "concepto", "المفهوم", "понятие", "概念"),
    "contact point": ("point de contact", "punto de contacto", "جهة الاتصال", "контактное лицо", "联系人"),
    "data type": ("type de données", "tipo de datos", "نوع البيانات", "тип данных", "数据类型"),
    "dataset": ("jeu de données", "conjunto de datos", "مجموعة البيانات", "набор данных", "数据集"),
    "distribution": ("distribution", "distribución", "التوزيع", "дистрибутив", "分发"),
    "file format": ("format de fichier", "formato de archivo", "صيغة الملف", "формат файла", "文件格式"),
    "frequency": ("fréquence", "frecuencia", "الدورية", "периодичность", "频率"),
    "source type": ("type de source", "tipo de fuente", "نوع المصدر", "тип источника", "来源类型"),
    "data of this source (%(source)s) need a statement of their fitness for purpose: why they fit their use, and how "
    "their quality was judged": (
        "les données de cette source (%(source)s) demandent une déclaration d'adéquation à l'usage : pourquoi elles "
        "conviennent à leur usage et comment leur qualité a été jugée",
        "los datos de esta fuente (%(source)s) requieren una declaración de idoneidad para el uso: por qué sirven "
        "para su uso y cómo se juzgó su calidad",
        "تحتاج بيانات هذا المصدر (%(source)s) إلى بيان بملاءمتها للغرض: لماذا تلائم استخدامها وكيف قُدّرت جودتها",
        "для данных из этого источника (%(source)s) нужно заявление о пригодности для цели: почему они подходят для "
        "своего использования и как оценивалось их качество",
        "此来源（%(source)s）的数据需要一份适用性声明：说明其为何适合所用，以及如何评判其质量"),
    "homepage": ("page d'accueil", "página de inicio", "الصفحة الرئيسية", "домашняя страница", "主页"),
    "issue date": ("date de publication", "fecha de publicación", "تاريخ الإصدار", "дата выпуска", "发布日期"),
    "keywords": ("mots-clés", "palabras clave", "الكلمات المفتاحية", "ключевые слова", "关键词"),
    "licence": ("licence", "licencia", "الترخيص", "лицензия", "许可"),
    "licence type": ("type de licence", "tipo de licencia", "نوع الترخيص", "тип лицензии", "许可类型"),
    "spatial coverage": ("couverture géographique", "cobertura geográfica", "التغطية المكانية",
                         "географический охват", "空间覆盖"),
    "temporal coverage": ("couverture temporelle", "cobertura temporal", "التغطية الزمنية", "временной охват",
                          "时间覆盖"),
    "terms of use": ("conditions d'utilisation", "condiciones de uso", "شروط الاستخدام", "условия использования",
                     "使用条款"),
    "theme": ("thème", "tema", "الموضوع", "тема", "主题"),
    "variable": ("variable", "variable", "المتغير", "переменная", "变量"),
    "question": ("question", "pregunta", "السؤال", "вопрос", "问题"),
    "questions are asked only by terms whose access is by application (licensed) or in a research data centre "
    "(enclave), not '%(type)s'": (
        "seules des conditions dont l'accès se fait sur demande (licensed) ou dans un centre de données de recherche "
        "(enclave) posent des questions, pas « %(type)s »",
        "solo las condiciones cuyo acceso es por solicitud (licensed) o en un centro de datos de investigación "
        "(enclave) hacen preguntas, no '%(type)s'",
        "لا تطرح الأسئلةَ إلا الشروطُ التي يكون الوصول فيها بطلب (licensed) أو في مركز بيانات البحوث (enclave)، "
        "لا '%(type)s'",
        "вопросы задают только условия с доступом по заявке (licensed) или в центре исследовательских данных "
        "(enclave), а не «%(type)s»",
        "只有通过申请访问（licensed）或在研究数据中心访问（enclave）的条件才提出问题，而不是“%(type)s”"),
    "none defined": ("aucun n'est défini", "no hay ninguno definido", "لا يوجد أي منها", "не определено ни одного",
                     "尚未定义任何项"),
    "none": ("aucune", "ninguna", "لا يوجد", "нет", "无"),
    # a component of a statistical table, with its article
    "a dimension": ("une dimension", "una dimensión", "بُعد", "измерение", "维度"),
    "a time dimension": ("une dimension temporelle", "una dimensión temporal", "بُعد زمني", "временное измерение",
                         "时间维度"),
    "a measure": ("une mesure", "una medida", "مقياس", "показатель", "度量"),
    "an attribute": ("un attribut", "un atributo", "سمة", "атрибут", "属性"),
    "a codelist": ("une liste de codes", "una lista de códigos", "قائمة رموز", "кодовый список", "代码表"),
    "the dataflow of '%(id)s' is '%(base)s' (its id without DS_), or without this field 'DF_%(base)s'": (
        "le flux de données de '%(id)s' est '%(base)s' (son identifiant sans DS_), ou sans ce champ 'DF_%(base)s'",
        "el flujo de datos de '%(id)s' es '%(base)s' (su identificador sin DS_), o sin este campo 'DF_%(base)s'",
        "تدفق بيانات '%(id)s' هو '%(base)s' (معرّفها دون DS_)، أو دون هذا الحقل 'DF_%(base)s'",
        "поток данных '%(id)s' — это '%(base)s' (его идентификатор без DS_) или без этого поля 'DF_%(base)s'",
        "'%(id)s' 的数据流为 '%(base)s'（去掉 DS_ 的标识符），若不填写此字段则为 'DF_%(base)s'"),
    "series": ("série", "serie", "السلسلة", "серия", "系列"),
    "series '%(series)s' is named twice": (
        "la série '%(series)s' est nommée deux fois", "la serie '%(series)s' se nombra dos veces",
        "السلسلة '%(series)s' مذكورة مرتين", "серия '%(series)s' указана дважды", "系列 '%(series)s' 被列出两次"),
    "a release of series '%(series)s' is published by its publisher, '%(agency)s'": (
        "une diffusion de la série '%(series)s' est publiée par son éditeur, '%(agency)s'",
        "una publicación de la serie '%(series)s' la publica su editor, '%(agency)s'",
        "إصدار من السلسلة '%(series)s' ينشره ناشرها '%(agency)s'",
        "выпуск серии '%(series)s' публикует её издатель, '%(agency)s'",
        "系列 '%(series)s' 的发布由其发布机构 '%(agency)s' 发布"),
    "a release of a series is ordered by the start of the period it covers: give temporal_coverage.start (else its "
    "issue date orders it)": (
        "une diffusion d'une série est ordonnée par le début de la période qu'elle couvre : donnez "
        "temporal_coverage.start (sinon sa date de publication l'ordonne)",
        "una publicación de una serie se ordena por el inicio del período que cubre: indique temporal_coverage.start "
        "(si no, la ordena su fecha de publicación)",
        "يُرتَّب إصدار السلسلة حسب بداية الفترة التي يغطيها: أعطِ temporal_coverage.start (وإلا رتّبه تاريخ إصداره)",
        "выпуск серии упорядочивается по началу периода, который он охватывает: укажите temporal_coverage.start "
        "(иначе его упорядочит дата выпуска)",
        "系列的发布按其覆盖期间的开始排序：请填写 temporal_coverage.start（否则按发布日期排序）"),
    "its versions go round in a circle (%(chain)s): the first version names no previous one": (
        "ses versions tournent en rond (%(chain)s) : la première version ne nomme aucune version précédente",
        "sus versiones dan vueltas en círculo (%(chain)s): la primera versión no nombra ninguna anterior",
        "إصداراتها تدور في حلقة (%(chain)s): الإصدار الأول لا يسمي إصدارًا سابقًا",
        "его версии замыкаются в круг (%(chain)s): первая версия не указывает предыдущую",
        "其版本形成循环（%(chain)s）：第一个版本不应指定上一版本"),
    "the SDMX dataflow of this series would be 'DF_%(id)s', which is already the dataflow of the dataset "
    "'%(dataset)s': its releases keep a dataflow each (give '%(dataset)s' 'dataflow: %(id)s', or rename one)": (
        "le flux de données SDMX de cette série serait 'DF_%(id)s', qui est celui du jeu de données '%(dataset)s' : "
        "ses diffusions gardent chacune le leur (donnez à '%(dataset)s' 'dataflow: %(id)s', ou renommez l'un des "
        "deux)",
        "el flujo de datos SDMX de esta serie sería 'DF_%(id)s', que es el del conjunto de datos '%(dataset)s': "
        "sus publicaciones conservan cada una el suyo (dé a '%(dataset)s' 'dataflow: %(id)s', o cambie el nombre "
        "de uno)",
        "سيكون تدفق بيانات SDMX لهذه السلسلة 'DF_%(id)s'، وهو تدفق مجموعة البيانات '%(dataset)s': يحتفظ كل إصدار "
        "من إصداراتها بتدفقه الخاص (أعطِ '%(dataset)s' القيمة 'dataflow: %(id)s'، أو غيّر اسم أحدهما)",
        "потоком данных SDMX этой серии был бы 'DF_%(id)s', который уже принадлежит набору данных '%(dataset)s': "
        "каждый её выпуск сохраняет собственный поток (укажите для '%(dataset)s' 'dataflow: %(id)s' или "
        "переименуйте один из них)",
        "该系列的 SDMX 数据流将是 'DF_%(id)s'，而它已是数据集 '%(dataset)s' 的数据流：其各次发布各自保留自己的数据流"
        "（为 '%(dataset)s' 设置 'dataflow: %(id)s'，或重命名其中之一）"),
    "a dataset is not a version of itself": ("un jeu de données n'est pas une version de lui-même", "un conjunto de "
                                             "datos no es una versión de sí mismo", "مجموعة البيانات ليست إصدارًا "
                                             "من نفسها", "набор данных не является версией самого себя",
                                             "数据集不是其自身的版本"),
    "data structure": ("structure de données", "estructura de datos", "بنية البيانات", "структура данных", "数据结构"),
    "metadata structure": ("structure de métadonnées", "estructura de metadatos", "بنية البيانات الوصفية",
                           "структура метаданных", "元数据结构"),
    "Metadata structure": ("Structure de métadonnées", "Estructura de metadatos", "بنية البيانات الوصفية",
                           "Структура метаданных", "元数据结构"),
    "the attribute '%(path)s' appears more than once (ids differ among the attributes of one parent)": (
        "l'attribut '%(path)s' apparaît plus d'une fois (les identifiants diffèrent entre les attributs d'un même "
        "parent)",
        "el atributo '%(path)s' aparece más de una vez (los identificadores difieren entre los atributos de un "
        "mismo padre)",
        "السمة '%(path)s' مذكورة أكثر من مرة (تختلف المعرّفات بين سمات الأصل الواحد)",
        "атрибут '%(path)s' встречается более одного раза (идентификаторы атрибутов одного родителя различаются)",
        "属性 '%(path)s' 出现不止一次（同一父属性下的属性标识符各不相同）"),
    "the parent '%(parent)s' is not an attribute listed before this one": (
        "le parent '%(parent)s' n'est pas un attribut donné avant celui-ci",
        "el padre '%(parent)s' no es un atributo indicado antes de este",
        "الأصل '%(parent)s' ليس سمة مذكورة قبل هذه السمة",
        "родитель '%(parent)s' не является атрибутом, указанным перед этим",
        "父属性 '%(parent)s' 不是在此属性之前列出的属性"),
    "a coded attribute names the codelist of its codes": (
        "un attribut codé nomme la liste de codes de ses codes",
        "un atributo codificado nombra la lista de códigos de sus códigos",
        "السمة المرمّزة تسمّي قائمة رموز رموزها",
        "кодированный атрибут указывает кодовый список своих кодов",
        "编码属性须指明其代码所属的代码表"),
    "only a coded attribute (representation: code) names a codelist": (
        "seul un attribut codé (representation: code) nomme une liste de codes",
        "solo un atributo codificado (representation: code) nombra una lista de códigos",
        "السمة المرمّزة وحدها (representation: code) تسمّي قائمة رموز",
        "кодовый список указывает только кодированный атрибут (representation: code)",
        "只有编码属性（representation: code）才指明代码表"),
    "at most %(most)s value(s), fewer than the %(least)s at least": (
        "au plus %(most)s valeur(s), moins que les %(least)s au moins",
        "como máximo %(most)s valor(es), menos que los %(least)s como mínimo",
        "%(most)s قيمة على الأكثر، وهو أقل من الحد الأدنى %(least)s",
        "не более %(most)s значений, меньше минимума в %(least)s",
        "最多 %(most)s 个值，少于最少的 %(least)s 个"),
    "a data structure": ("une structure de données", "una estructura de datos", "بنية بيانات", "структура данных",
                         "数据结构"),
    "a dataset naming a structure takes its variables from it: remove 'variables' (or 'structure')": (
        "un jeu de données qui nomme une structure en prend les variables : retirez 'variables' (ou 'structure')",
        "un conjunto de datos que nombra una estructura toma de ella sus variables: quite 'variables' (o "
        "'structure')",
        "مجموعة البيانات التي تسمي بنية تأخذ متغيراتها منها: احذف 'variables' (أو 'structure')",
        "набор данных, указывающий структуру, берёт из неё свои переменные: удалите 'variables' (или 'structure')",
        "指定了结构的数据集从该结构获取变量：请删除 'variables'（或 'structure'）"),
    "a published dataset names a released version of its data structure: '%(key)s' is a draft, which may still "
    "change": (
        "un jeu de données publié nomme une version diffusée de sa structure de données : '%(key)s' est un brouillon, "
        "qui peut encore changer",
        "un conjunto de datos publicado nombra una versión publicada de su estructura de datos: '%(key)s' es un "
        "borrador, que aún puede cambiar",
        "مجموعة البيانات المنشورة تسمي إصدارًا منشورًا من بنية بياناتها: '%(key)s' مسودة قد تتغير بعد",
        "опубликованный набор данных указывает выпущенную версию своей структуры данных: '%(key)s' — черновик, "
        "который ещё может измениться",
        "已发布的数据集须指定其数据结构的已发布版本：'%(key)s' 是草稿，仍可能变更"),
    "its variables differ from those of data structure '%(key)s': save the dataset again to take them": (
        "ses variables diffèrent de celles de la structure de données '%(key)s' : enregistrez de nouveau le jeu de "
        "données pour les prendre",
        "sus variables difieren de las de la estructura de datos '%(key)s': guarde de nuevo el conjunto de datos "
        "para tomarlas",
        "متغيراتها تختلف عن متغيرات بنية البيانات '%(key)s': احفظ مجموعة البيانات مرة أخرى لأخذها",
        "её переменные отличаются от переменных структуры данных '%(key)s': сохраните набор данных ещё раз, чтобы "
        "взять их",
        "其变量与数据结构 '%(key)s' 的变量不同：请再次保存数据集以获取这些变量"),
    "SDMX would name the structure of its variables '%(key)s', as the data structure record of that identity: name "
    "that structure (structure: %(key)s) or give the dataset another id": (
        "SDMX nommerait la structure de ses variables '%(key)s', comme l'enregistrement de structure de données de "
        "cette identité : nommez cette structure (structure: %(key)s) ou donnez un autre identifiant au jeu de données",
        "SDMX nombraría la estructura de sus variables '%(key)s', como el registro de estructura de datos de esa "
        "identidad: nombre esa estructura (structure: %(key)s) o dé otro identificador al conjunto de datos",
        "سيسمي SDMX بنية متغيراتها '%(key)s'، مثل سجل بنية البيانات بهذه الهوية: سمِّ تلك البنية "
        "(structure: %(key)s) أو أعطِ مجموعة البيانات معرّفًا آخر",
        "SDMX назвал бы структуру её переменных '%(key)s', как запись структуры данных с этой идентичностью: укажите "
        "эту структуру (structure: %(key)s) или дайте набору данных другой идентификатор",
        "SDMX 会将其变量的结构命名为 '%(key)s'，与该标识的数据结构记录相同：请指定该结构（structure: %(key)s）"
        "或给数据集另一个标识符"),
    "a concept scheme": ("un schéma de concepts", "un esquema de conceptos", "مخطط مفاهيم", "схема понятий",
                         "概念方案"),
    "a concept": ("un concept", "un concepto", "مفهوم", "понятие", "概念"),
    "%(role)s (an SDMX component)": ("%(role)s (un composant SDMX)", "%(role)s (un componente SDMX)",
                                     "%(role)s (مكوّن SDMX)", "%(role)s (компонент SDMX)", "%(role)s（SDMX 组件）"),

    # -- integrity rules -----------------------------------------------------------------------------------------
    "unknown %(what)s '%(ref)s' (known: %(choices)s)": (
        "%(what)s : identifiant « %(ref)s » inconnu (connus : %(choices)s)",
        "%(what)s: identificador «%(ref)s» desconocido (conocidos: %(choices)s)",
        "%(what)s: المعرّف «%(ref)s» غير معروف (المعروف: %(choices)s)",
        "%(what)s: неизвестный идентификатор «%(ref)s» (известные: %(choices)s)",
        "%(what)s：未知标识符“%(ref)s”（已知：%(choices)s）"),
    "%(what)s '%(ref)s' is maintained by several agencies (%(agencies)s): name one, e.g. '%(example)s'": (
        "%(what)s « %(ref)s » est tenu par plusieurs agences (%(agencies)s) : nommez-en une, p. ex. « %(example)s »",
        "%(what)s «%(ref)s» lo mantienen varias agencias (%(agencies)s): nombre una, p. ej. «%(example)s»",
        "%(what)s «%(ref)s» تتعهده عدة وكالات (%(agencies)s): سمِّ واحدة، مثل «%(example)s»",
        "%(what)s «%(ref)s» ведут несколько агентств (%(agencies)s): укажите одно, например «%(example)s»",
        "%(what)s“%(ref)s”由多个机构维护（%(agencies)s）：请指明一个，例如“%(example)s”"),
    "'%(ref)s' is not a reference such as 'CL_FREQ', 'SDMX:CL_FREQ' or 'SDMX:CL_FREQ(2.1)'": (
        "« %(ref)s » n'est pas une référence comme « CL_FREQ », « SDMX:CL_FREQ » ou « SDMX:CL_FREQ(2.1) »",
        "«%(ref)s» no es una referencia como «CL_FREQ», «SDMX:CL_FREQ» o «SDMX:CL_FREQ(2.1)»",
        "«%(ref)s» ليس مرجعًا مثل «CL_FREQ» أو «SDMX:CL_FREQ» أو «SDMX:CL_FREQ(2.1)»",
        "«%(ref)s» — не ссылка вида «CL_FREQ», «SDMX:CL_FREQ» или «SDMX:CL_FREQ(2.1)»",
        "“%(ref)s”不是“CL_FREQ”“SDMX:CL_FREQ”或“SDMX:CL_FREQ(2.1)”这样的引用"),
    "no version of %(what)s '%(ref)s' matches '%(version)s' (versions: %(versions)s)": (
        "aucune version de %(what)s « %(ref)s » ne correspond à « %(version)s » (versions : %(versions)s)",
        "ninguna versión de %(what)s «%(ref)s» corresponde a «%(version)s» (versiones: %(versions)s)",
        "لا تطابق أي نسخة من %(what)s «%(ref)s» القيمة «%(version)s» (النسخ: %(versions)s)",
        "ни одна версия (%(what)s) «%(ref)s» не соответствует «%(version)s» (версии: %(versions)s)",
        "%(what)s“%(ref)s”没有与“%(version)s”相符的版本（版本：%(versions)s）"),
    "'%(ref)s' is not a concept reference such as 'SEX' or 'CS_DEMO.SEX'": (
        "« %(ref)s » n'est pas une référence de concept comme « SEX » ou « CS_DEMO.SEX »",
        "«%(ref)s» no es una referencia de concepto como «SEX» o «CS_DEMO.SEX»",
        "«%(ref)s» ليس مرجع مفهوم مثل «SEX» أو «CS_DEMO.SEX»",
        "«%(ref)s» — не ссылка на понятие вида «SEX» или «CS_DEMO.SEX»",
        "“%(ref)s”不是“SEX”或“CS_DEMO.SEX”这样的概念引用"),
    "concept '%(concept)s' is in several concept schemes (%(schemes)s): name one, e.g. '%(example)s'": (
        "le concept « %(concept)s » figure dans plusieurs schémas de concepts (%(schemes)s) : nommez-en un, "
        "p. ex. « %(example)s »",
        "el concepto «%(concept)s» está en varios esquemas de conceptos (%(schemes)s): nombre uno, "
        "p. ej. «%(example)s»",
        "المفهوم «%(concept)s» موجود في عدة مخططات مفاهيم (%(schemes)s): سمِّ واحدًا، مثل «%(example)s»",
        "понятие «%(concept)s» есть в нескольких схемах понятий (%(schemes)s): укажите одну, например «%(example)s»",
        "概念“%(concept)s”出现在多个概念方案中（%(schemes)s）：请指明一个，例如“%(example)s”"),
    "'%(version)s' is not a version (e.g. '1.0', '2.1.0') nor a version query (e.g. '2.+.0')": (
        "« %(version)s » n'est ni une version (p. ex. « 1.0 », « 2.1.0 ») ni une requête de version "
        "(p. ex. « 2.+.0 »)",
        "«%(version)s» no es una versión (p. ej. «1.0», «2.1.0») ni una consulta de versión (p. ej. «2.+.0»)",
        "«%(version)s» ليس نسخة (مثل «1.0» أو «2.1.0») ولا استعلام نسخة (مثل «2.+.0»)",
        "«%(version)s» — не версия (например «1.0», «2.1.0») и не запрос версии (например «2.+.0»)",
        "“%(version)s”既不是版本（如“1.0”“2.1.0”），也不是版本查询（如“2.+.0”）"),
    "%(what)s reference '%(ref)s' names several versions (%(versions)s): name one": (
        "la référence %(what)s « %(ref)s » désigne plusieurs versions (%(versions)s) : nommez-en une",
        "la referencia %(what)s «%(ref)s» designa varias versiones (%(versions)s): nombre una",
        "المرجع %(what)s «%(ref)s» يسمّي عدة نسخ (%(versions)s): سمِّ واحدة",
        "ссылка (%(what)s) «%(ref)s» указывает на несколько версий (%(versions)s): укажите одну",
        "%(what)s引用“%(ref)s”指向多个版本（%(versions)s）：请指明一个"),
    "concept scheme '%(scheme)s' has no concept '%(concept)s'": (
        "le schéma de concepts « %(scheme)s » n'a pas de concept « %(concept)s »",
        "el esquema de conceptos «%(scheme)s» no tiene el concepto «%(concept)s»",
        "مخطط المفاهيم «%(scheme)s» لا يتضمن المفهوم «%(concept)s»",
        "в схеме понятий «%(scheme)s» нет понятия «%(concept)s»",
        "概念方案“%(scheme)s”中没有概念“%(concept)s”"),
    "'%(key)s' and '%(other)s' are one version of one artefact (SDMX writes both as %(version)s): keep one record": (
        "« %(key)s » et « %(other)s » sont une même version d'un même artefact (SDMX les écrit toutes deux "
        "%(version)s) : gardez un seul enregistrement",
        "«%(key)s» y «%(other)s» son una misma versión de un mismo artefacto (SDMX escribe ambas como "
        "%(version)s): conserve un solo registro",
        "«%(key)s» و«%(other)s» نسخة واحدة من أداة واحدة (يكتب SDMX كلتيهما %(version)s): أبقِ سجلًا واحدًا",
        "«%(key)s» и «%(other)s» — одна и та же версия одного артефакта (SDMX записывает обе как %(version)s): "
        "оставьте одну запись",
        "“%(key)s”和“%(other)s”是同一工件的同一版本（SDMX 都写作 %(version)s）：只保留一条记录"),
    "the agency, id and version of %(what)s '%(key)s' cannot change (make a new version, or a new record)": (
        "l'agence, l'identifiant et la version de %(what)s « %(key)s » ne peuvent pas changer (faites une nouvelle "
        "version, ou un nouvel enregistrement)",
        "la agencia, el identificador y la versión de %(what)s «%(key)s» no pueden cambiar (cree una nueva versión "
        "o un nuevo registro)",
        "لا يمكن تغيير الوكالة والمعرّف والنسخة لـ%(what)s «%(key)s» (أنشئ نسخة جديدة أو سجلًا جديدًا)",
        "агентство, идентификатор и версия (%(what)s) «%(key)s» не могут меняться (создайте новую версию или новую "
        "запись)",
        "%(what)s“%(key)s”的机构、标识符和版本不能更改（请新建一个版本或一条新记录）"),
    "%(field)s: a new %(what)s needs its agency and version, which identify it with its id (e.g. agency 'BSO', version '1.0')": (
        "%(field)s : un nouvel enregistrement (%(what)s) a besoin de son agence et de sa version, qui l'identifient "
        "avec son identifiant (p. ex. agence 'BSO', version '1.0')",
        "%(field)s: un nuevo registro (%(what)s) necesita su agencia y su versión, que lo identifican junto con su "
        "identificador (p. ej. agencia 'BSO', versión '1.0')",
        "%(field)s: يحتاج السجل الجديد (%(what)s) إلى وكالته ونسخته، اللتين تعرّفانه مع معرّفه (مثل الوكالة 'BSO' "
        "والنسخة '1.0')",
        "%(field)s: новой записи (%(what)s) нужны агентство и версия, которые вместе с идентификатором определяют её "
        "(например агентство 'BSO', версия '1.0')",
        "%(field)s：新的%(what)s需要其机构和版本，它们与标识符一起标识它（例如机构 'BSO'，版本 '1.0'）"),
    "'%(ref)s' would not name '%(named)s' in the published catalogue: name it in full, '%(named)s'": (
        "« %(ref)s » ne désignerait pas « %(named)s » dans le catalogue publié : écrivez-le en entier, « %(named)s »",
        "«%(ref)s» no designaría «%(named)s» en el catálogo publicado: escríbalo completo, «%(named)s»",
        "«%(ref)s» لن يشير إلى «%(named)s» في الفهرس المنشور: اكتبه كاملًا، «%(named)s»",
        "«%(ref)s» не указывало бы на «%(named)s» в опубликованном каталоге: запишите полностью, «%(named)s»",
        "“%(ref)s”在已发布的目录中不会指向“%(named)s”：请写全，“%(named)s”"),
    "'%(key)s' is longer than %(count)s characters: shorten its agency or its id": (
        "« %(key)s » dépasse %(count)s caractères : raccourcissez son agence ou son identifiant",
        "«%(key)s» supera los %(count)s caracteres: acorte su agencia o su identificador",
        "«%(key)s» أطول من %(count)s حرفًا: اختصر وكالته أو معرّفه",
        "«%(key)s» длиннее %(count)s символов: сократите агентство или идентификатор",
        "“%(key)s”超过 %(count)s 个字符：请缩短其机构或标识符"),
    "its agency, id and version make '%(key)s', not '%(record)s': make it a new record": (
        "son agence, son identifiant et sa version font « %(key)s », et non « %(record)s » : faites-en un nouvel "
        "enregistrement",
        "su agencia, su identificador y su versión forman «%(key)s», no «%(record)s»: cree un nuevo registro",
        "وكالته ومعرّفه ونسخته تكوّن «%(key)s» لا «%(record)s»: أنشئ سجلًا جديدًا",
        "его агентство, идентификатор и версия дают «%(key)s», а не «%(record)s»: создайте новую запись",
        "其机构、标识符和版本构成“%(key)s”，而不是“%(record)s”：请新建一条记录"),
    "%(what)s '%(id)s' appears more than once": (
        "%(what)s « %(id)s » : l'identifiant figure plus d'une fois",
        "%(what)s «%(id)s»: el identificador aparece más de una vez",
        "%(what)s «%(id)s»: المعرّف يرد أكثر من مرة",
        "%(what)s «%(id)s»: идентификатор встречается более одного раза",
        "%(what)s“%(id)s”出现了不止一次"),
    "language '%(language)s' is not one of the catalogue's languages (%(languages)s)": (
        "la langue « %(language)s » n'est pas une des langues du catalogue (%(languages)s)",
        "el idioma «%(language)s» no es uno de los idiomas del catálogo (%(languages)s)",
        "اللغة «%(language)s» ليست من لغات الفهرس (%(languages)s)",
        "язык «%(language)s» не входит в число языков каталога (%(languages)s)",
        "语言“%(language)s”不是目录的语言之一（%(languages)s）"),
    "no text in the default language '%(language)s' (the standards that take a single language use it)": (
        "aucun texte dans la langue par défaut « %(language)s » (les normes qui n'admettent qu'une langue "
        "utilisent celle-ci)",
        "no hay texto en el idioma predeterminado «%(language)s» (las normas que admiten un solo idioma usan ese)",
        "لا يوجد نص باللغة الافتراضية «%(language)s» (المعايير التي لا تقبل إلا لغة واحدة تستخدمها)",
        "нет текста на языке по умолчанию «%(language)s» (стандарты, допускающие только один язык, используют его)",
        "没有默认语言“%(language)s”的文本（只接受单一语言的标准使用该语言）"),
    "no '%(language)s' translation": (
        "pas de traduction en « %(language)s »", "falta la traducción al «%(language)s»",
        "لا توجد ترجمة بلغة «%(language)s»", "нет перевода на «%(language)s»", "没有“%(language)s”译文"),
    "a language is listed more than once": (
        "une langue figure plus d'une fois dans la liste", "un idioma figura más de una vez en la lista",
        "لغة مدرجة أكثر من مرة", "язык указан в списке более одного раза", "某种语言被列出了不止一次"),
    "modified (%(modified)s) is before issued (%(issued)s)": (
        "modified (%(modified)s) est antérieur à issued (%(issued)s)",
        "modified (%(modified)s) es anterior a issued (%(issued)s)",
        "modified (%(modified)s) يسبق issued (%(issued)s)",
        "modified (%(modified)s) раньше, чем issued (%(issued)s)",
        "modified（%(modified)s）早于 issued（%(issued)s）"),
    "no %(what)s: DCAT-AP recommends one": (
        "champ manquant : %(what)s (recommandé par DCAT-AP)", "falta: %(what)s (recomendado por DCAT-AP)",
        "حقل ناقص: %(what)s (يوصي به DCAT-AP)", "не указано: %(what)s (рекомендуется DCAT-AP)",
        "缺少%(what)s：DCAT-AP 建议提供"),
    "contact '%(id)s' is defined more than once in the catalogue": (
        "le contact « %(id)s » est défini plus d'une fois dans le catalogue",
        "el contacto «%(id)s» está definido más de una vez en el catálogo",
        "جهة الاتصال «%(id)s» معرّفة أكثر من مرة في الفهرس",
        "контакт «%(id)s» определён в каталоге более одного раза",
        "联系人“%(id)s”在目录中定义了不止一次"),
    "a contact point needs an email, a telephone or a url": (
        "un point de contact nécessite une adresse électronique (email), un téléphone (telephone) ou une URL (url)",
        "un punto de contacto necesita un correo electrónico (email), un teléfono (telephone) o una URL (url)",
        "تحتاج جهة الاتصال إلى بريد إلكتروني (email) أو هاتف (telephone) أو عنوان URL (url)",
        "контактному лицу нужен адрес электронной почты (email), телефон (telephone) или URL (url)",
        "联系人需要电子邮件（email）、电话（telephone）或网址（url）"),
    "an external codelist (external_urn) lists no codes of its own": (
        "une liste de codes externe (external_urn) ne donne pas de codes propres",
        "una lista de códigos externa (external_urn) no enumera códigos propios",
        "لا تسرد قائمة الرموز الخارجية (external_urn) رموزًا خاصة بها",
        "внешний кодовый список (external_urn) не содержит собственных кодов",
        "外部代码表（external_urn）不列出自己的代码"),
    "a codelist needs codes (or an external_urn)": (
        "une liste de codes nécessite des codes (ou un external_urn)",
        "una lista de códigos necesita códigos (o un external_urn)",
        "تحتاج قائمة الرموز إلى رموز (أو إلى external_urn)",
        "кодовому списку нужны коды (или external_urn)",
        "代码表需要代码（或 external_urn）"),
    "valid_to (%(valid_to)s) is before valid_from (%(valid_from)s)": (
        "valid_to (%(valid_to)s) est antérieur à valid_from (%(valid_from)s)",
        "valid_to (%(valid_to)s) es anterior a valid_from (%(valid_from)s)",
        "valid_to (%(valid_to)s) يسبق valid_from (%(valid_from)s)",
        "valid_to (%(valid_to)s) раньше, чем valid_from (%(valid_from)s)",
        "valid_to（%(valid_to)s）早于 valid_from（%(valid_from)s）"),
    "code '%(id)s' is its own parent": (
        "le code « %(id)s » est son propre parent", "el código «%(id)s» es su propio padre",
        "الرمز «%(id)s» أصلٌ لنفسه", "код «%(id)s» является собственным родителем", "代码“%(id)s”是它自己的上级"),
    "parent '%(parent)s' is not a code of %(codelist)s": (
        "le parent « %(parent)s » n'est pas un code de %(codelist)s",
        "el padre «%(parent)s» no es un código de %(codelist)s",
        "الأصل «%(parent)s» ليس رمزًا في %(codelist)s",
        "родитель «%(parent)s» не является кодом списка %(codelist)s",
        "上级“%(parent)s”不是 %(codelist)s 中的代码"),
    "code '%(id)s' is part of a parent cycle; a hierarchy must be a tree": (
        "le code « %(id)s » fait partie d'un cycle de parents ; une hiérarchie doit être un arbre",
        "el código «%(id)s» forma parte de un ciclo de padres; una jerarquía debe ser un árbol",
        "الرمز «%(id)s» جزء من حلقة أصول؛ يجب أن يكون التسلسل الهرمي شجرة",
        "код «%(id)s» входит в цикл родителей; иерархия должна быть деревом",
        "代码“%(id)s”处于上级循环中；层级结构必须是树"),
    "a time dimension needs a time data type (%(types)s), not '%(data_type)s'": (
        "une dimension temporelle nécessite un type de données temporel (%(types)s), et non « %(data_type)s »",
        "una dimensión temporal necesita un tipo de datos temporal (%(types)s), no «%(data_type)s»",
        "يحتاج البُعد الزمني إلى نوع بيانات زمني (%(types)s)، لا «%(data_type)s»",
        "временному измерению нужен временной тип данных (%(types)s), а не «%(data_type)s»",
        "时间维度需要时间数据类型（%(types)s），而不是“%(data_type)s”"),
    "only attributes have an attachment level": (
        "seuls les attributs ont un niveau de rattachement", "solo los atributos tienen un nivel de vinculación",
        "السمات وحدها لها مستوى ارتباط", "уровень привязки есть только у атрибутов", "只有属性才有附加级别"),
    "missing-value code '%(code)s' appears twice": (
        "le code de valeur manquante « %(code)s » figure deux fois",
        "el código de valor faltante «%(code)s» aparece dos veces",
        "رمز القيمة المفقودة «%(code)s» يرد مرتين",
        "код пропущенного значения «%(code)s» встречается дважды",
        "缺失值代码“%(code)s”出现了两次"),
    "maximum is below minimum": (
        "maximum est inférieur à minimum", "maximum es menor que minimum", "maximum أصغر من minimum",
        "maximum меньше, чем minimum", "maximum 小于 minimum"),
    "max_length is below min_length": (
        "max_length est inférieur à min_length", "max_length es menor que min_length", "max_length أصغر من min_length",
        "max_length меньше, чем min_length", "max_length 小于 min_length"),
    "a distribution needs an access_url, a download_url or a path": (
        "une distribution nécessite un access_url, un download_url ou un path",
        "una distribución necesita un access_url, un download_url o un path",
        "يحتاج التوزيع إلى access_url أو download_url أو path",
        "дистрибутиву нужен access_url, download_url или path",
        "分发需要 access_url、download_url 或 path"),
    "media type '%(media_type)s' differs from the %(format)s media type '%(expected)s'": (
        "le type de média « %(media_type)s » diffère de celui du format %(format)s, « %(expected)s »",
        "el tipo de medio «%(media_type)s» difiere del tipo de medio de %(format)s, «%(expected)s»",
        "نوع الوسائط «%(media_type)s» يختلف عن نوع وسائط %(format)s «%(expected)s»",
        "тип носителя «%(media_type)s» отличается от типа носителя формата %(format)s «%(expected)s»",
        "媒体类型“%(media_type)s”与 %(format)s 的媒体类型“%(expected)s”不同"),
    "a %(algorithm)s digest has %(digits)s hex digits, not %(length)s": (
        "une empreinte %(algorithm)s compte %(digits)s chiffres hexadécimaux, et non %(length)s",
        "un resumen %(algorithm)s tiene %(digits)s dígitos hexadecimales, no %(length)s",
        "بصمة %(algorithm)s تتكون من %(digits)s خانة ست عشرية، لا %(length)s",
        "хеш %(algorithm)s содержит шестнадцатеричных цифр: %(digits)s, а не %(length)s",
        "%(algorithm)s 摘要有 %(digits)s 位十六进制数字，而不是 %(length)s 位"),
    "a path must stay inside the catalogue folder (relative, no '..')": (
        "un chemin doit rester dans le dossier du catalogue (relatif, sans '..')",
        "una ruta debe quedar dentro de la carpeta del catálogo (relativa, sin '..')",
        "يجب أن يبقى المسار داخل مجلد الفهرس (نسبيًا، بلا '..')",
        "путь должен оставаться внутри папки каталога (относительный, без '..')",
        "路径必须位于目录文件夹之内（相对路径，不含 '..'）"),
    "a dataset whose terms are not public must not have a public download_url (give an access_url to the "
    "application page instead)": (
        "un jeu de données dont les conditions ne sont pas publiques ne doit pas avoir de download_url public "
        "(donnez plutôt un access_url vers la page de demande)",
        "un conjunto de datos cuyas condiciones no son públicas no debe tener un download_url público (indique en "
        "su lugar un access_url a la página de solicitud)",
        "يجب ألا يكون لمجموعة بيانات شروطها غير عامة download_url عام (أعطِ بدلًا منه access_url إلى صفحة الطلب)",
        "у набора данных с непубличными условиями не должно быть публичного download_url (вместо него укажите "
        "access_url страницы заявки)",
        "条款不公开的数据集不得有公开的 download_url（请改为提供指向申请页面的 access_url）"),
    "a dataset is not related to itself": (
        "un jeu de données n'est pas lié à lui-même", "un conjunto de datos no está relacionado consigo mismo",
        "لا ترتبط مجموعة البيانات بنفسها", "набор данных не может быть связан сам с собой", "数据集不能与自身相关"),
    "'%(weight)s' is not a variable of this dataset (known: %(known)s)": (
        "« %(weight)s » n'est pas une variable de ce jeu de données (variables connues : %(known)s)",
        "«%(weight)s» no es una variable de este conjunto de datos (variables conocidas: %(known)s)",
        "«%(weight)s» ليس متغيرًا في مجموعة البيانات هذه (المتغيرات المعروفة: %(known)s)",
        "«%(weight)s» не является переменной этого набора данных (известные переменные: %(known)s)",
        "“%(weight)s”不是此数据集的变量（已知变量：%(known)s）"),
    "the weight variable '%(weight)s' must be integer or decimal, not %(data_type)s": (
        "la variable de pondération « %(weight)s » doit être integer ou decimal, et non %(data_type)s",
        "la variable de ponderación «%(weight)s» debe ser integer o decimal, no %(data_type)s",
        "يجب أن يكون متغير الترجيح «%(weight)s» من النوع integer أو decimal، لا %(data_type)s",
        "весовая переменная «%(weight)s» должна иметь тип integer или decimal, а не %(data_type)s",
        "权重变量“%(weight)s”必须是 integer 或 decimal，而不是 %(data_type)s"),
    "the weight variable '%(weight)s' is confidential: a weight that cannot be published cannot weight published "
    "variables": (
        "la variable de pondération « %(weight)s » est confidentielle : une pondération qui ne peut pas être publiée "
        "ne peut pas pondérer des variables publiées",
        "la variable de ponderación «%(weight)s» es confidencial: una ponderación que no se puede publicar no puede "
        "ponderar variables publicadas",
        "متغير الترجيح «%(weight)s» سري: لا يمكن لترجيح لا يجوز نشره أن يرجّح متغيرات منشورة",
        "весовая переменная «%(weight)s» конфиденциальна: вес, который нельзя опубликовать, не может взвешивать "
        "публикуемые переменные",
        "权重变量“%(weight)s”是保密的：不能发布的权重无法为已发布的变量加权"),
    "distribution '%(id)s' and '%(other)s' become the same Data Package resource name '%(name)s'; give ids that "
    "differ in more than case": (
        "les distributions « %(id)s » et « %(other)s » donnent le même nom de ressource Data Package, « %(name)s » ; "
        "donnez des identifiants qui diffèrent par plus que la casse",
        "las distribuciones «%(id)s» y «%(other)s» dan el mismo nombre de recurso de Data Package, «%(name)s»; "
        "indique identificadores que difieran en algo más que mayúsculas y minúsculas",
        "التوزيعان «%(id)s» و«%(other)s» يصبح لهما اسم مورد Data Package نفسه «%(name)s»؛ أعطِ معرّفات تختلف في "
        "أكثر من حالة الأحرف",
        "дистрибутивы «%(id)s» и «%(other)s» получают одно и то же имя ресурса Data Package «%(name)s»; задайте "
        "идентификаторы, которые различаются не только регистром",
        "分发“%(id)s”和“%(other)s”会成为同一个 Data Package 资源名称“%(name)s”；请给出不仅在大小写上不同的标识符"),
    "issued (%(issued)s) is before the release time (%(release_time)s): a dataset cannot be issued while it is "
    "embargoed": (
        "issued (%(issued)s) est antérieur à l'heure de diffusion (%(release_time)s) : un jeu de données ne peut pas "
        "être publié pendant son embargo",
        "issued (%(issued)s) es anterior a la hora de difusión (%(release_time)s): un conjunto de datos no puede "
        "publicarse mientras está bajo embargo",
        "issued (%(issued)s) يسبق موعد النشر (%(release_time)s): لا يمكن إصدار مجموعة بيانات وهي تحت الحظر",
        "issued (%(issued)s) раньше времени выпуска (%(release_time)s): набор данных нельзя выпустить, пока "
        "действует эмбарго",
        "issued（%(issued)s）早于发布时间（%(release_time)s）：数据集在禁发期间不能发布"),
    "end (%(end)s) is before start (%(start)s)": (
        "end (%(end)s) est antérieur à start (%(start)s)", "end (%(end)s) es anterior a start (%(start)s)",
        "end (%(end)s) يسبق start (%(start)s)", "end (%(end)s) раньше, чем start (%(start)s)",
        "end（%(end)s）早于 start（%(start)s）"),
    "a dataset has at most one time dimension": (
        "un jeu de données a au plus une dimension temporelle",
        "un conjunto de datos tiene como máximo una dimensión temporal",
        "لمجموعة البيانات بُعد زمني واحد على الأكثر",
        "у набора данных не более одного временного измерения",
        "一个数据集最多有一个时间维度"),
    "a dataset with dimensions needs a measure": (
        "un jeu de données qui a des dimensions nécessite une mesure",
        "un conjunto de datos con dimensiones necesita una medida",
        "تحتاج مجموعة البيانات ذات الأبعاد إلى مقياس",
        "набору данных с измерениями нужен показатель",
        "有维度的数据集需要度量"),
    "%(role)s of a statistical table needs a concept (SDMX gives every component a concept identity)": (
        "%(role)s d'un tableau statistique nécessite un concept (SDMX donne à chaque composant une identité de "
        "concept)",
        "%(role)s de una tabla estadística necesita un concepto (SDMX da a cada componente una identidad de "
        "concepto)",
        "%(role)s في جدول إحصائي: يلزم تحديد مفهوم (يمنح SDMX كل مكوّن هوية مفهوم)",
        "%(role)s статистической таблицы: нужно понятие (SDMX даёт каждому компоненту идентичность понятия)",
        "统计表的%(role)s需要概念（SDMX 为每个组件赋予概念标识）"),
    "every measure is confidential: the published structure would have no measure": (
        "toutes les mesures sont confidentielles : la structure publiée n'aurait aucune mesure",
        "todas las medidas son confidenciales: la estructura publicada no tendría ninguna medida",
        "كل المقاييس سرية: لن يكون في البنية المنشورة أي مقياس",
        "все показатели конфиденциальны: в опубликованной структуре не было бы ни одного показателя",
        "所有度量都是保密的：发布的结构将没有任何度量"),
    "keyword '%(keyword)s' is refused as a tag by CKAN portals (letters, digits, spaces, '-', '_' and '.' only, 2 to "
    "100 characters); say it without the other characters": (
        "les portails CKAN refusent le mot-clé « %(keyword)s » comme étiquette (lettres, chiffres, espaces, '-', '_' "
        "et '.' uniquement, de 2 à 100 caractères) ; formulez-le sans les autres caractères",
        "los portales CKAN rechazan la palabra clave «%(keyword)s» como etiqueta (solo letras, dígitos, espacios, "
        "'-', '_' y '.', de 2 a 100 caracteres); escríbala sin los demás caracteres",
        "ترفض بوابات CKAN الكلمة المفتاحية «%(keyword)s» وسمًا (حروف وأرقام ومسافات و'-' و'_' و'.' فقط، من 2 إلى "
        "100 محرف)؛ اكتبها دون المحارف الأخرى",
        "порталы CKAN не принимают ключевое слово «%(keyword)s» как тег (только буквы, цифры, пробелы, '-', '_' и "
        "'.', от 2 до 100 символов); запишите его без других символов",
        "CKAN 门户不接受关键词“%(keyword)s”作为标签（只能包含字母、数字、空格、'-'、'_' 和 '.'，2 到 100 个字符）；"
        "请去掉其他字符"),
    "no %(what)s: recommended by DCAT-AP and the EU metadata quality assessment": (
        "champ manquant : %(what)s (recommandé par DCAT-AP et par l'évaluation de la qualité des métadonnées de l'UE)",
        "falta: %(what)s (recomendado por DCAT-AP y por la evaluación de la calidad de los metadatos de la UE)",
        "حقل ناقص: %(what)s (يوصي به DCAT-AP وتقييم جودة البيانات الوصفية في الاتحاد الأوروبي)",
        "не указано: %(what)s (рекомендуется DCAT-AP и оценкой качества метаданных ЕС)",
        "缺少%(what)s：DCAT-AP 和欧盟元数据质量评估建议提供"),
    "no %(what)s: recommended by DCAT-AP and the EU metadata quality assessment; %(fallback)s": (
        "champ manquant : %(what)s (recommandé par DCAT-AP et par l'évaluation de la qualité des métadonnées de "
        "l'UE) ; %(fallback)s",
        "falta: %(what)s (recomendado por DCAT-AP y por la evaluación de la calidad de los metadatos de la UE); "
        "%(fallback)s",
        "حقل ناقص: %(what)s (يوصي به DCAT-AP وتقييم جودة البيانات الوصفية في الاتحاد الأوروبي)؛ %(fallback)s",
        "не указано: %(what)s (рекомендуется DCAT-AP и оценкой качества метаданных ЕС); %(fallback)s",
        "缺少%(what)s：DCAT-AP 和欧盟元数据质量评估建议提供；%(fallback)s"),
    "DCAT-US requires one, so data.json gives the theme names (or the title) as keywords": (
        "DCAT-US en exige, donc data.json donne comme mots-clés les noms des thèmes (ou le titre)",
        "DCAT-US los exige, así que data.json da como palabras clave los nombres de los temas (o el título)",
        "يشترطها DCAT-US، لذا يكتب data.json أسماء المواضيع (أو العنوان) كلماتٍ مفتاحية",
        "DCAT-US их требует, поэтому data.json указывает в качестве ключевых слов названия тем (или заголовок)",
        "DCAT-US 要求提供关键词，因此 data.json 以主题名称（或标题）作为关键词"),
    "'%(value)s' cannot be the id of %(what)s in SDMX-ML: it must start with a letter and hold only letters, "
    "digits, '_' and '-'": (
        "« %(value)s » ne peut pas servir d'identifiant en SDMX-ML pour %(what)s : il doit commencer par une lettre "
        "et ne contenir que des lettres, des chiffres, '_' et '-'",
        "«%(value)s» no puede ser el identificador de %(what)s en SDMX-ML: debe empezar por una letra y contener "
        "solo letras, dígitos, '_' y '-'",
        "لا يمكن أن يكون «%(value)s» معرّفًا في SDMX-ML (%(what)s): يجب أن يبدأ بحرف وألا يحتوي إلا على حروف "
        "وأرقام و'_' و'-'",
        "«%(value)s» не может быть идентификатором в SDMX-ML (%(what)s): он должен начинаться с буквы и содержать "
        "только буквы, цифры, '_' и '-'",
        "“%(value)s”不能用作 SDMX-ML 中%(what)s的标识符：它必须以字母开头，且只能包含字母、数字、'_' 和 '-'"),
    "'%(id)s' is nested under the agency '%(parent)s', which is not an agency of the catalogue: SDMX writes it as "
    "an item of the agency scheme '%(parent)s' maintains (add agencies/%(parent)s.yaml)": (
        "« %(id)s » est imbriqué sous l'organisme « %(parent)s », qui n'est pas un organisme du catalogue : SDMX "
        "l'écrit comme un élément du schéma d'organismes que gère « %(parent)s » (ajoutez agencies/%(parent)s.yaml)",
        "«%(id)s» está anidado bajo el organismo «%(parent)s», que no es un organismo del catálogo: SDMX lo escribe "
        "como un elemento del esquema de organismos que mantiene «%(parent)s» (añada agencies/%(parent)s.yaml)",
        "«%(id)s» متداخل تحت الجهة «%(parent)s»، وهي ليست جهة في الفهرس: يكتبه SDMX عنصرًا في مخطط الجهات الذي "
        "تديره «%(parent)s» (أضف agencies/%(parent)s.yaml)",
        "«%(id)s» вложена в организацию «%(parent)s», которой нет в каталоге: SDMX записывает её как элемент "
        "схемы организаций, которую ведёт «%(parent)s» (добавьте agencies/%(parent)s.yaml)",
        "“%(id)s”嵌套在机构“%(parent)s”之下，而该机构不是目录中的机构：SDMX将其写为“%(parent)s”所维护的机构方案中的"
        "一项（请添加 agencies/%(parent)s.yaml）"),
    "a postponed release needs a reason": (
        "une diffusion reportée doit indiquer un motif (reason)", "una difusión aplazada necesita un motivo (reason)",
        "يحتاج النشر المؤجَّل إلى سبب (reason)", "для перенесённого выпуска нужна причина (reason)",
        "推迟的发布需要说明原因（reason）"),
    "a cancelled release needs a reason": (
        "une diffusion annulée doit indiquer un motif (reason)", "una difusión cancelada necesita un motivo (reason)",
        "يحتاج النشر الملغى إلى سبب (reason)", "для отменённого выпуска нужна причина (reason)",
        "取消的发布需要说明原因（reason）"),
    "a postponed release lists its earlier planned time in history": (
        "une diffusion reportée indique dans history l'heure prévue auparavant",
        "una difusión aplazada indica en history la hora prevista anteriormente",
        "يذكر النشر المؤجَّل موعده المخطط السابق في history",
        "перенесённый выпуск указывает в history ранее запланированное время",
        "推迟的发布应在 history 中列出先前计划的时间"),
    "this change (%(changed)s) is earlier than the announcement or the change before it (%(previous)s): history "
    "lists changes oldest first": (
        "cette modification (%(changed)s) est antérieure à l'annonce ou à la modification précédente "
        "(%(previous)s) : history liste les modifications de la plus ancienne à la plus récente",
        "este cambio (%(changed)s) es anterior al anuncio o al cambio precedente (%(previous)s): history enumera los "
        "cambios del más antiguo al más reciente",
        "هذا التغيير (%(changed)s) أسبق من الإعلان أو من التغيير الذي قبله (%(previous)s): تسرد history التغييرات "
        "من الأقدم إلى الأحدث",
        "это изменение (%(changed)s) раньше объявления или предыдущего изменения (%(previous)s): в history "
        "изменения перечисляются от самого раннего",
        "此更改（%(changed)s）早于公告或其前一项更改（%(previous)s）：history 按从旧到新的顺序列出更改"),
    "'%(id)s' is a dataset id too: announce a dataset's release in the dataset record (announcement)": (
        "« %(id)s » est aussi l'identifiant d'un jeu de données : annoncez la diffusion d'un jeu de données dans sa "
        "fiche (announcement)",
        "«%(id)s» también es el identificador de un conjunto de datos: anuncie la difusión de un conjunto de datos "
        "en su registro (announcement)",
        "«%(id)s» هو أيضًا معرّف مجموعة بيانات: أعلِن عن نشر مجموعة البيانات في سجلها (announcement)",
        "«%(id)s» — это также идентификатор набора данных: объявляйте выпуск набора данных в его записи "
        "(announcement)",
        "“%(id)s”也是一个数据集的标识符：请在数据集记录中公告其发布（announcement）"),
    "the release time (%(release_time)s) is earlier than the announcement was made public (%(announced)s): a "
    "release cannot precede its announcement": (
        "l'heure de diffusion (%(release_time)s) est antérieure à la publication de l'annonce (%(announced)s) : une "
        "diffusion ne peut pas précéder son annonce",
        "la hora de difusión (%(release_time)s) es anterior a la publicación del anuncio (%(announced)s): una "
        "difusión no puede preceder a su anuncio",
        "موعد النشر (%(release_time)s) أسبق من إعلان النشر للعموم (%(announced)s): لا يمكن أن يسبق النشر إعلانه",
        "время выпуска (%(release_time)s) раньше, чем было опубликовано объявление (%(announced)s): выпуск не может "
        "предшествовать своему объявлению",
        "发布时间（%(release_time)s）早于公告公开的时间（%(announced)s）：发布不能早于其公告"),
    "the announcement plans %(planned)s but the embargo lifts at %(release_time)s (release_time)": (
        "l'annonce prévoit %(planned)s, mais l'embargo est levé à %(release_time)s (release_time)",
        "el anuncio prevé %(planned)s, pero el embargo se levanta a las %(release_time)s (release_time)",
        "يحدد الإعلان الموعد %(planned)s لكن الحظر يُرفع في %(release_time)s (release_time)",
        "в объявлении запланировано %(planned)s, но эмбарго снимается в %(release_time)s (release_time)",
        "公告计划于 %(planned)s 发布，但禁发在 %(release_time)s 解除（release_time）"),
    "a pattern holds %(limit)s characters at most": (
        "un motif contient au plus %(limit)s caractères", "un patrón contiene como máximo %(limit)s caracteres",
        "لا يتجاوز النمط %(limit)s محرف", "шаблон содержит не более %(limit)s символов",
        "模式最多包含 %(limit)s 个字符"),
    "not a regular expression RE2 reads (no backreferences or lookaround): %(reason)s": (
        "ce n'est pas une expression régulière que RE2 sait lire (ni références arrière ni assertions avant ou "
        "arrière) : %(reason)s",
        "no es una expresión regular que RE2 pueda leer (sin referencias inversas ni aserciones de búsqueda): "
        "%(reason)s",
        "ليس تعبيرًا نمطيًا يقرؤه RE2 (بلا مراجع خلفية ولا تحقق أمامي أو خلفي): %(reason)s",
        "это не регулярное выражение, которое читает RE2 (без обратных ссылок и опережающих или ретроспективных "
        "проверок): %(reason)s",
        "不是 RE2 能读取的正则表达式（不支持反向引用和环视）：%(reason)s"),

    # -- the model's own checks ------------------------------------------------------------------------------------
    "'%(tag)s' is not a valid BCP 47 language tag (expected e.g. 'en', 'fr', 'pt-BR')": (
        "« %(tag)s » n'est pas une étiquette de langue BCP 47 valide (par exemple 'en', 'fr', 'pt-BR')",
        "«%(tag)s» no es una etiqueta de idioma BCP 47 válida (por ejemplo 'en', 'fr', 'pt-BR')",
        "«%(tag)s» ليس وسم لغة BCP 47 صالحًا (مثل 'en' و'fr' و'pt-BR')",
        "«%(tag)s» — недопустимый языковой тег BCP 47 (например, 'en', 'fr', 'pt-BR')",
        "“%(tag)s”不是有效的 BCP 47 语言标记（例如 'en'、'fr'、'pt-BR'）"),
    "%(value)s is not an absolute http(s) URL": (
        "%(value)s n'est pas une URL http(s) absolue", "%(value)s no es una URL http(s) absoluta",
        "%(value)s ليس عنوان URL مطلقًا من نوع http(s)", "%(value)s — не абсолютный URL http(s)",
        "%(value)s 不是绝对的 http(s) URL"),
    "%(value)s is not an ISO 8601 date: write YYYY-MM-DD, e.g. 2021-06-30": (
        "%(value)s n'est pas une date ISO 8601 : écrivez YYYY-MM-DD, par exemple 2021-06-30",
        "%(value)s no es una fecha ISO 8601: escriba YYYY-MM-DD, por ejemplo 2021-06-30",
        "%(value)s ليس تاريخًا بصيغة ISO 8601: اكتب YYYY-MM-DD، مثل 2021-06-30",
        "%(value)s — не дата ISO 8601: пишите YYYY-MM-DD, например 2021-06-30",
        "%(value)s 不是 ISO 8601 日期：请写成 YYYY-MM-DD，例如 2021-06-30"),
    "%(value)s is not an ISO 8601 date and time with a time zone: write e.g. 2022-06-20T10:00:00+01:00 or "
    "2022-06-20T09:00:00Z": (
        "%(value)s n'est pas une date et heure ISO 8601 avec fuseau horaire : écrivez par exemple "
        "2022-06-20T10:00:00+01:00 ou 2022-06-20T09:00:00Z",
        "%(value)s no es una fecha y hora ISO 8601 con zona horaria: escriba por ejemplo 2022-06-20T10:00:00+01:00 "
        "o 2022-06-20T09:00:00Z",
        "%(value)s ليس تاريخًا ووقتًا بصيغة ISO 8601 مع المنطقة الزمنية: اكتب مثلًا 2022-06-20T10:00:00+01:00 أو "
        "2022-06-20T09:00:00Z",
        "%(value)s — не дата и время ISO 8601 с часовым поясом: пишите, например, 2022-06-20T10:00:00+01:00 или "
        "2022-06-20T09:00:00Z",
        "%(value)s 不是带时区的 ISO 8601 日期时间：请写成例如 2022-06-20T10:00:00+01:00 或 2022-06-20T09:00:00Z"),
    "%(value)s is not a boolean: write true or false": (
        "%(value)s n'est pas un booléen : écrivez true ou false", "%(value)s no es un booleano: escriba true o false",
        "%(value)s ليس قيمة منطقية: اكتب true أو false", "%(value)s — не логическое значение: пишите true или false",
        "%(value)s 不是布尔值：请写 true 或 false"),
    "%(value)s is not an integer (a whole number)": (
        "%(value)s n'est pas un entier (un nombre sans partie décimale)",
        "%(value)s no es un entero (un número sin decimales)",
        "%(value)s ليس عددًا صحيحًا (عددًا بلا كسور)",
        "%(value)s — не целое число",
        "%(value)s 不是整数"),
    "%(value)s is not a finite number": (
        "%(value)s n'est pas un nombre fini", "%(value)s no es un número finito", "%(value)s ليس عددًا منتهيًا",
        "%(value)s — не конечное число", "%(value)s 不是有限数"),
    "%(value)s is out of range once converted to UTC": (
        "%(value)s sort des limites une fois converti en UTC", "%(value)s queda fuera de rango al convertirlo a UTC",
        "%(value)s خارج النطاق بعد تحويله إلى UTC", "%(value)s выходит за пределы диапазона после перевода в UTC",
        "%(value)s 转换为 UTC 后超出范围"),
    "%(value)s is not an email address (as frictionless and mail software read it: no spaces, no '..', a domain "
    "with a dot)": (
        "%(value)s n'est pas une adresse électronique (telle que frictionless et les logiciels de messagerie la "
        "lisent : pas d'espace, pas de '..', un domaine avec un point)",
        "%(value)s no es una dirección de correo electrónico (tal como la leen frictionless y los programas de "
        "correo: sin espacios, sin '..', un dominio con un punto)",
        "%(value)s ليس عنوان بريد إلكتروني (كما يقرؤه frictionless وبرامج البريد: بلا مسافات، وبلا '..'، ونطاق فيه "
        "نقطة)",
        "%(value)s — не адрес электронной почты (в том виде, в каком его читают frictionless и почтовые программы: "
        "без пробелов, без '..', домен с точкой)",
        "%(value)s 不是电子邮件地址（按 frictionless 和邮件软件的读法：不含空格，不含 '..'，域名中有点）"),
    "a plain text needs the catalogue's default language; give a mapping {language: text}": (
        "un texte seul suppose la langue par défaut du catalogue ; donnez une table {langue: texte}",
        "un texto simple requiere el idioma predeterminado del catálogo; indique una correspondencia "
        "{idioma: texto}",
        "يحتاج النص البسيط إلى اللغة الافتراضية للفهرس؛ أعطِ تقابلًا {اللغة: النص}",
        "простому тексту нужен язык каталога по умолчанию; укажите соответствие {язык: текст}",
        "纯文本需要目录的默认语言；请给出映射 {语言: 文本}"),
    "give the text in at least one language": (
        "donnez le texte dans au moins une langue", "indique el texto en al menos un idioma",
        "أعطِ النص بلغة واحدة على الأقل", "укажите текст хотя бы на одном языке", "请至少用一种语言给出文本"),
    "the '%(language)s' text is empty": (
        "le texte en « %(language)s » est vide", "el texto en «%(language)s» está vacío",
        "النص بلغة «%(language)s» فارغ", "текст на «%(language)s» пуст", "“%(language)s”文本为空"),
    "a '%(language)s' keyword is empty": (
        "un mot-clé en « %(language)s » est vide", "una palabra clave en «%(language)s» está vacía",
        "كلمة مفتاحية بلغة «%(language)s» فارغة", "ключевое слово на «%(language)s» пусто",
        "某个“%(language)s”关键词为空"),
    "languages must include the default language '%(language)s'": (
        "languages doit inclure la langue par défaut « %(language)s »",
        "languages debe incluir el idioma predeterminado «%(language)s»",
        "يجب أن تتضمن languages اللغة الافتراضية «%(language)s»",
        "languages должен включать язык по умолчанию «%(language)s»",
        "languages 必须包含默认语言“%(language)s”"),
    "'%(encoding)s' is not a character encoding": (
        "« %(encoding)s » n'est pas un codage de caractères", "«%(encoding)s» no es una codificación de caracteres",
        "«%(encoding)s» ليس ترميز محارف", "«%(encoding)s» — не кодировка символов", "“%(encoding)s”不是字符编码"),
    "'%(name)s' is not a known character encoding (e.g. utf-8, latin-1, windows-1252)": (
        "« %(name)s » n'est pas un codage de caractères connu (par exemple utf-8, latin-1, windows-1252)",
        "«%(name)s» no es una codificación de caracteres conocida (por ejemplo utf-8, latin-1, windows-1252)",
        "«%(name)s» ليس ترميز محارف معروفًا (مثل utf-8 وlatin-1 وwindows-1252)",
        "«%(name)s» — неизвестная кодировка символов (например, utf-8, latin-1, windows-1252)",
        "“%(name)s”不是已知的字符编码（例如 utf-8、latin-1、windows-1252）"),

    # -- the reader of record files (what it refuses in data) -------------------------------------------------------
    "an SDMX id: letters, digits, '_', '@', '$' and '-' only (no spaces or dots)": (
        "un identifiant SDMX : lettres, chiffres, '_', '@', '$' et '-' uniquement (ni espaces ni points)",
        "un identificador SDMX: solo letras, dígitos, '_', '@', '$' y '-' (sin espacios ni puntos)",
        "معرّف SDMX: حروف وأرقام و'_' و'@' و'$' و'-' فقط (بلا مسافات أو نقاط)",
        "идентификатор SDMX: только буквы, цифры, '_', '@', '$' и '-' (без пробелов и точек)",
        "SDMX 标识符：只能包含字母、数字、'_'、'@'、'$' 和 '-'（不含空格或点）"),
    "an SDMX agency id: letters, digits, '_' and '-', parts separated by dots": (
        "un identifiant d'organisme SDMX : lettres, chiffres, '_' et '-', parties séparées par des points",
        "un identificador de organismo SDMX: letras, dígitos, '_' y '-', partes separadas por puntos",
        "معرّف جهة SDMX: حروف وأرقام و'_' و'-'، وأجزاء تفصلها نقاط",
        "идентификатор организации SDMX: буквы, цифры, '_' и '-', части разделены точками",
        "SDMX 机构标识符：字母、数字、'_' 和 '-'，各部分以点分隔"),
    "an SPDX licence id such as 'CC-BY-4.0' or 'LicenseRef-name'": (
        "un identifiant de licence SPDX tel que 'CC-BY-4.0' ou 'LicenseRef-name'",
        "un identificador de licencia SPDX como 'CC-BY-4.0' o 'LicenseRef-name'",
        "معرّف ترخيص SPDX مثل 'CC-BY-4.0' أو 'LicenseRef-name'",
        "идентификатор лицензии SPDX, например 'CC-BY-4.0' или 'LicenseRef-name'",
        "SPDX 许可标识符，例如 'CC-BY-4.0' 或 'LicenseRef-name'"),
    "a version such as '1.0' or '2.1.3' (one to three numbers without leading zeros)": (
        "une version telle que '1.0' ou '2.1.3' (un à trois nombres sans zéros initiaux)",
        "una versión como '1.0' o '2.1.3' (de uno a tres números sin ceros a la izquierda)",
        "إصدار مثل '1.0' أو '2.1.3' (من رقم إلى ثلاثة أرقام بلا أصفار بادئة)",
        "версия вида '1.0' или '2.1.3' (от одного до трёх чисел без ведущих нулей)",
        "版本号，例如 '1.0' 或 '2.1.3'（一到三个不带前导零的数字）"),
    "an email address": ("une adresse électronique", "una dirección de correo electrónico", "عنوان بريد إلكتروني",
                         "адрес электронной почты", "电子邮件地址"),
    "a telephone number: digits, spaces, '+', '(', ')', '.', '-' and '/'": (
        "un numéro de téléphone : chiffres, espaces, '+', '(', ')', '.', '-' et '/'",
        "un número de teléfono: dígitos, espacios, '+', '(', ')', '.', '-' y '/'",
        "رقم هاتف: أرقام ومسافات و'+' و'(' و')' و'.' و'-' و'/'",
        "номер телефона: цифры, пробелы, '+', '(', ')', '.', '-' и '/'",
        "电话号码：数字、空格、'+'、'('、')'、'.'、'-' 和 '/'"),
    "an SDMX codelist URN: urn:sdmx:org.sdmx.infomodel.codelist.Codelist=AGENCY:ID(VERSION)": (
        "un URN de liste de codes SDMX : urn:sdmx:org.sdmx.infomodel.codelist.Codelist=AGENCY:ID(VERSION)",
        "un URN de lista de códigos SDMX: urn:sdmx:org.sdmx.infomodel.codelist.Codelist=AGENCY:ID(VERSION)",
        "معرّف URN لقائمة رموز SDMX: urn:sdmx:org.sdmx.infomodel.codelist.Codelist=AGENCY:ID(VERSION)",
        "URN кодового списка SDMX: urn:sdmx:org.sdmx.infomodel.codelist.Codelist=AGENCY:ID(VERSION)",
        "SDMX 代码表 URN：urn:sdmx:org.sdmx.infomodel.codelist.Codelist=AGENCY:ID(VERSION)"),
    "required field '%(name)s' is missing": (
        "le champ obligatoire « %(name)s » manque", "falta el campo obligatorio «%(name)s»",
        "الحقل الإلزامي «%(name)s» مفقود", "отсутствует обязательное поле «%(name)s»", "缺少必填字段“%(name)s”"),
    "unknown field '%(name)s' (expected one of: %(allowed)s)": (
        "champ inconnu « %(name)s » (champs possibles : %(allowed)s)",
        "campo desconocido «%(name)s» (se espera uno de: %(allowed)s)",
        "حقل غير معروف «%(name)s» (المتوقع أحد الحقول: %(allowed)s)",
        "неизвестное поле «%(name)s» (ожидается одно из: %(allowed)s)",
        "未知字段“%(name)s”（应为以下之一：%(allowed)s）"),
    "unknown field '%(name)s'; did you mean '%(close)s'? (expected one of: %(allowed)s)": (
        "champ inconnu « %(name)s » ; vouliez-vous dire « %(close)s » ? (champs possibles : %(allowed)s)",
        "campo desconocido «%(name)s»; ¿quiso decir «%(close)s»? (se espera uno de: %(allowed)s)",
        "حقل غير معروف «%(name)s»؛ هل تقصد «%(close)s»؟ (المتوقع أحد الحقول: %(allowed)s)",
        "неизвестное поле «%(name)s»; может быть, имелось в виду «%(close)s»? (ожидается одно из: %(allowed)s)",
        "未知字段“%(name)s”；您是指“%(close)s”吗？（应为以下之一：%(allowed)s）"),
    "'%(input)s' is not %(meaning)s": (
        "« %(input)s » n'est pas %(meaning)s", "«%(input)s» no es %(meaning)s", "«%(input)s» ليس %(meaning)s",
        "«%(input)s» — не %(meaning)s", "“%(input)s”不是%(meaning)s"),
    "'%(input)s' must match %(pattern)s": (
        "« %(input)s » doit correspondre à %(pattern)s", "«%(input)s» debe coincidir con %(pattern)s",
        "يجب أن يطابق «%(input)s» النمط %(pattern)s", "«%(input)s» должно соответствовать %(pattern)s",
        "“%(input)s”必须匹配 %(pattern)s"),
    "%(problem)s, not '%(input)s'": (
        "%(problem)s (valeur donnée : « %(input)s »)", "%(problem)s (valor dado: «%(input)s»)",
        "%(problem)s (القيمة المُدخلة: «%(input)s»)", "%(problem)s (указано: «%(input)s»)",
        "%(problem)s（输入为“%(input)s”）"),
    "%(choices)s or %(last)s": ("%(choices)s ou %(last)s", "%(choices)s o %(last)s", "%(choices)s أو %(last)s",
                                "%(choices)s или %(last)s", "%(choices)s 或 %(last)s"),
    "control character U+%(code)s is not allowed (XML 1.0, and so DCAT and SDMX, cannot carry it)": (
        "le caractère de contrôle U+%(code)s n'est pas autorisé (XML 1.0, et donc DCAT et SDMX, ne peut pas le "
        "porter)",
        "el carácter de control U+%(code)s no está permitido (XML 1.0, y por tanto DCAT y SDMX, no puede "
        "contenerlo)",
        "محرف التحكم U+%(code)s غير مسموح به (لا يستطيع XML 1.0، ومن ثمّ DCAT وSDMX، أن يحمله)",
        "управляющий символ U+%(code)s недопустим (XML 1.0, а значит и DCAT и SDMX, не может его передать)",
        "不允许使用控制字符 U+%(code)s（XML 1.0 无法承载它，因而 DCAT 和 SDMX 也无法承载）"),
    "character U+%(code)s is not allowed (XML 1.0, and so DCAT and SDMX, cannot carry it)": (
        "le caractère U+%(code)s n'est pas autorisé (XML 1.0, et donc DCAT et SDMX, ne peut pas le porter)",
        "el carácter U+%(code)s no está permitido (XML 1.0, y por tanto DCAT y SDMX, no puede contenerlo)",
        "المحرف U+%(code)s غير مسموح به (لا يستطيع XML 1.0، ومن ثمّ DCAT وSDMX، أن يحمله)",
        "символ U+%(code)s недопустим (XML 1.0, а значит и DCAT и SDMX, не может его передать)",
        "不允许使用字符 U+%(code)s（XML 1.0 无法承载它，因而 DCAT 和 SDMX 也无法承载）"),
    "nesting deeper than %(limit)s levels": (
        "imbrication de plus de %(limit)s niveaux", "anidamiento de más de %(limit)s niveles",
        "تداخل أعمق من %(limit)s مستوى", "вложенность глубже %(limit)s уровней", "嵌套超过 %(limit)s 层"),
    "the record holds more than %(limit)s values: split it": (
        "la fiche contient plus de %(limit)s valeurs : divisez-la",
        "el registro contiene más de %(limit)s valores: divídalo",
        "يحتوي السجل على أكثر من %(limit)s قيمة: قسّمه",
        "запись содержит более %(limit)s значений: разделите её",
        "记录包含超过 %(limit)s 个值：请拆分"),
    "a key must be text, not %(key)s": (
        "une clé doit être un texte, pas %(key)s", "una clave debe ser un texto, no %(key)s",
        "يجب أن يكون المفتاح نصًا، لا %(key)s", "ключ должен быть строкой, а не %(key)s", "键必须是文本，而不是 %(key)s"),
    "a key holds a character XML cannot carry": (
        "une clé contient un caractère que XML ne peut pas porter",
        "una clave contiene un carácter que XML no puede contener",
        "يحتوي مفتاح على محرف لا يستطيع XML أن يحمله",
        "ключ содержит символ, который XML не может передать",
        "键包含 XML 无法承载的字符"),
    "not plain data (%(type)s)": (
        "pas une donnée simple (%(type)s)", "no es un dato simple (%(type)s)", "ليست بيانات بسيطة (%(type)s)",
        "не простые данные (%(type)s)", "不是纯数据（%(type)s）"),

    # -- pydantic's own errors, in its words ---------------------------------------------------------------------
    "Field required": ("Champ obligatoire", "Campo obligatorio", "حقل مطلوب", "Обязательное поле", "必填字段"),
    "Extra inputs are not permitted": (
        "Les champs supplémentaires ne sont pas autorisés", "No se permiten campos adicionales",
        "لا يُسمح بمدخلات إضافية", "Дополнительные поля не допускаются", "不允许额外的输入"),
    "Input should be greater than or equal to %(ge)s": (
        "La valeur doit être supérieure ou égale à %(ge)s", "El valor debe ser mayor o igual que %(ge)s",
        "يجب أن تكون القيمة أكبر من %(ge)s أو مساوية له", "Значение должно быть больше или равно %(ge)s",
        "输入应大于或等于 %(ge)s"),
    "Input should be less than or equal to %(le)s": (
        "La valeur doit être inférieure ou égale à %(le)s", "El valor debe ser menor o igual que %(le)s",
        "يجب أن تكون القيمة أصغر من %(le)s أو مساوية له", "Значение должно быть меньше или равно %(le)s",
        "输入应小于或等于 %(le)s"),
    "Input should be greater than %(gt)s": (
        "La valeur doit être supérieure à %(gt)s", "El valor debe ser mayor que %(gt)s",
        "يجب أن تكون القيمة أكبر من %(gt)s", "Значение должно быть больше %(gt)s", "输入应大于 %(gt)s"),
    "Input should be less than %(lt)s": (
        "La valeur doit être inférieure à %(lt)s", "El valor debe ser menor que %(lt)s",
        "يجب أن تكون القيمة أصغر من %(lt)s", "Значение должно быть меньше %(lt)s", "输入应小于 %(lt)s"),
    "Input should be %(expected)s": (
        "La valeur doit être %(expected)s", "El valor debe ser %(expected)s", "يجب أن تكون القيمة %(expected)s",
        "Допустимые значения: %(expected)s", "输入应为 %(expected)s"),
    "Input should be a valid string": (
        "La valeur doit être un texte", "El valor debe ser un texto", "يجب أن تكون القيمة نصًا",
        "Значение должно быть строкой", "输入应为有效的字符串"),
    "Input should be a valid integer": (
        "La valeur doit être un nombre entier", "El valor debe ser un número entero",
        "يجب أن تكون القيمة عددًا صحيحًا", "Значение должно быть целым числом", "输入应为有效的整数"),
    "Input should be a valid number": (
        "La valeur doit être un nombre", "El valor debe ser un número", "يجب أن تكون القيمة عددًا",
        "Значение должно быть числом", "输入应为有效的数字"),
    "Input should be a valid boolean": (
        "La valeur doit être un booléen", "El valor debe ser un booleano", "يجب أن تكون القيمة قيمة منطقية",
        "Значение должно быть логическим", "输入应为有效的布尔值"),
    "Input should be a valid list": (
        "La valeur doit être une liste", "El valor debe ser una lista", "يجب أن تكون القيمة قائمة",
        "Значение должно быть списком", "输入应为有效的列表"),
    "Input should be a valid dictionary": (
        "La valeur doit être un dictionnaire (des paires clé : valeur)",
        "El valor debe ser un diccionario (pares clave: valor)", "يجب أن تكون القيمة قاموسًا (أزواج مفتاح: قيمة)",
        "Значение должно быть словарём (пары «ключ: значение»)", "输入应为有效的字典（键: 值对）"),
    "Keys should be strings": (
        "Les clés doivent être des textes", "Las claves deben ser textos", "يجب أن تكون المفاتيح نصوصًا",
        "Ключи должны быть строками", "键应为字符串"),
    "Input should be a valid date": (
        "La valeur doit être une date", "El valor debe ser una fecha", "يجب أن تكون القيمة تاريخًا",
        "Значение должно быть датой", "输入应为有效的日期"),
    "Input should be a valid datetime": (
        "La valeur doit être une date et heure", "El valor debe ser una fecha y hora",
        "يجب أن تكون القيمة تاريخًا ووقتًا", "Значение должно быть датой и временем", "输入应为有效的日期时间"),
    "Input should be a valid dictionary or instance of %(class_name)s": (
        "La valeur doit être un dictionnaire ou une instance de %(class_name)s",
        "El valor debe ser un diccionario o una instancia de %(class_name)s",
        "يجب أن تكون القيمة قاموسًا أو مثيلًا من %(class_name)s",
        "Значение должно быть словарём или экземпляром %(class_name)s",
        "输入应为有效的字典或 %(class_name)s 的实例"),
    "Input should be a valid dictionary or object to extract fields from": (
        "La valeur doit être un dictionnaire ou un objet dont extraire les champs",
        "El valor debe ser un diccionario o un objeto del que extraer los campos",
        "يجب أن تكون القيمة قاموسًا أو كائنًا تُستخرج منه الحقول",
        "Значение должно быть словарём или объектом, из которого извлекаются поля",
        "输入应为有效的字典或可从中提取字段的对象"),
    "Input should be a valid integer, unable to parse string as an integer": (
        "La valeur doit être un nombre entier : ce texte ne se lit pas comme un entier",
        "El valor debe ser un número entero: el texto no se puede leer como entero",
        "يجب أن تكون القيمة عددًا صحيحًا: تعذّرت قراءة النص عددًا صحيحًا",
        "Значение должно быть целым числом: строку не удалось прочитать как целое число",
        "输入应为有效的整数，无法将字符串解析为整数"),
    "Input should be a valid number, unable to parse string as a number": (
        "La valeur doit être un nombre : ce texte ne se lit pas comme un nombre",
        "El valor debe ser un número: el texto no se puede leer como número",
        "يجب أن تكون القيمة عددًا: تعذّرت قراءة النص عددًا",
        "Значение должно быть числом: строку не удалось прочитать как число",
        "输入应为有效的数字，无法将字符串解析为数字"),
    "Input should be a valid integer, got a number with a fractional part": (
        "La valeur doit être un nombre entier, et non un nombre à partie décimale",
        "El valor debe ser un número entero, no un número con parte decimal",
        "يجب أن تكون القيمة عددًا صحيحًا، لا عددًا بجزء كسري",
        "Значение должно быть целым числом, а не числом с дробной частью",
        "输入应为有效的整数，但得到的是带小数部分的数字"),
    "Input should be a finite number": (
        "La valeur doit être un nombre fini", "El valor debe ser un número finito", "يجب أن تكون القيمة عددًا منتهيًا",
        "Значение должно быть конечным числом", "输入应为有限数"),
    "Input should have timezone info": (
        "La valeur doit indiquer un fuseau horaire", "El valor debe indicar una zona horaria",
        "يجب أن تتضمن القيمة المنطقة الزمنية", "Значение должно содержать часовой пояс", "输入应包含时区信息"),
    "Input should be a valid date in the format YYYY-MM-DD, %(error)s": (
        "La valeur doit être une date au format YYYY-MM-DD : %(error)s",
        "El valor debe ser una fecha con el formato YYYY-MM-DD: %(error)s",
        "يجب أن تكون القيمة تاريخًا صالحًا بالصيغة YYYY-MM-DD: %(error)s",
        "Значение должно быть датой в формате YYYY-MM-DD: %(error)s",
        "输入应为 YYYY-MM-DD 格式的有效日期：%(error)s"),
    "Input should be a valid date or datetime, %(error)s": (
        "La valeur doit être une date, ou une date et heure : %(error)s",
        "El valor debe ser una fecha, o una fecha y hora: %(error)s",
        "يجب أن تكون القيمة تاريخًا، أو تاريخًا ووقتًا: %(error)s",
        "Значение должно быть датой или датой и временем: %(error)s",
        "输入应为有效的日期或日期时间：%(error)s"),
    "Input should be a valid datetime, %(error)s": (
        "La valeur doit être une date et heure : %(error)s", "El valor debe ser una fecha y hora: %(error)s",
        "يجب أن تكون القيمة تاريخًا ووقتًا: %(error)s", "Значение должно быть датой и временем: %(error)s",
        "输入应为有效的日期时间：%(error)s"),
    "Input should be a valid datetime or date, %(error)s": (
        "La valeur doit être une date et heure, ou une date : %(error)s",
        "El valor debe ser una fecha y hora, o una fecha: %(error)s",
        "يجب أن تكون القيمة تاريخًا ووقتًا، أو تاريخًا: %(error)s",
        "Значение должно быть датой и временем или датой: %(error)s",
        "输入应为有效的日期时间或日期：%(error)s"),
    "Input should be a valid URL, %(error)s": (
        "La valeur doit être une URL valide : %(error)s", "El valor debe ser una URL válida: %(error)s",
        "يجب أن تكون القيمة عنوان URL صالحًا: %(error)s", "Значение должно быть допустимым URL: %(error)s",
        "输入应为有效的 URL：%(error)s"),
    "Input tag '%(tag)s' found using %(discriminator)s does not match any of the expected tags: %(expected_tags)s": (
        "L'étiquette « %(tag)s », trouvée avec %(discriminator)s, ne correspond à aucune des étiquettes attendues : "
        "%(expected_tags)s",
        "La etiqueta «%(tag)s», encontrada con %(discriminator)s, no coincide con ninguna de las esperadas: "
        "%(expected_tags)s",
        "الوسم «%(tag)s» الذي وُجد باستخدام %(discriminator)s لا يطابق أيًا من الوسوم المتوقعة: %(expected_tags)s",
        "Тег «%(tag)s», найденный по %(discriminator)s, не совпадает ни с одним из ожидаемых: %(expected_tags)s",
        "使用 %(discriminator)s 找到的标记“%(tag)s”与任何预期标记都不匹配：%(expected_tags)s"),
    "Unable to extract tag using discriminator %(discriminator)s": (
        "Impossible d'extraire l'étiquette avec le discriminant %(discriminator)s",
        "No se puede extraer la etiqueta con el discriminador %(discriminator)s",
        "تعذّر استخراج الوسم باستخدام المميِّز %(discriminator)s",
        "Не удалось извлечь тег с помощью дискриминатора %(discriminator)s",
        "无法使用鉴别器 %(discriminator)s 提取标记"),
    "String should match pattern '%(pattern)s'": (
        "Le texte doit correspondre au motif « %(pattern)s »", "El texto debe coincidir con el patrón «%(pattern)s»",
        "يجب أن يطابق النص النمط «%(pattern)s»", "Строка должна соответствовать шаблону «%(pattern)s»",
        "字符串应匹配模式“%(pattern)s”"),
    "List": ("Liste", "Lista", "القائمة", "Список", "列表"),
    "Dictionary": ("Dictionnaire", "Diccionario", "القاموس", "Словарь", "字典"),
    "Set": ("Ensemble", "Conjunto", "المجموعة", "Множество", "集合"),
    "Tuple": ("N-uplet", "Tupla", "الصف", "Кортеж", "元组"),
    # why pydantic refuses a date or a time
    "month value is outside expected range of 1-12": (
        "le mois est hors de la plage attendue, 1-12", "el mes está fuera del intervalo esperado, 1-12",
        "قيمة الشهر خارج النطاق المتوقع 1-12", "месяц вне допустимого диапазона 1-12", "月份超出预期范围 1-12"),
    "day value is outside expected range": (
        "le jour est hors de la plage attendue", "el día está fuera del intervalo esperado",
        "قيمة اليوم خارج النطاق المتوقع", "день вне допустимого диапазона", "日期中的日超出预期范围"),
    "hour value is outside expected range of 0-23": (
        "l'heure est hors de la plage attendue, 0-23", "la hora está fuera del intervalo esperado, 0-23",
        "قيمة الساعة خارج النطاق المتوقع 0-23", "час вне допустимого диапазона 0-23", "小时超出预期范围 0-23"),
    "minute value is outside expected range of 0-59": (
        "les minutes sont hors de la plage attendue, 0-59", "los minutos están fuera del intervalo esperado, 0-59",
        "قيمة الدقائق خارج النطاق المتوقع 0-59", "минуты вне допустимого диапазона 0-59", "分钟超出预期范围 0-59"),
    "second value is outside expected range of 0-59": (
        "les secondes sont hors de la plage attendue, 0-59", "los segundos están fuera del intervalo esperado, 0-59",
        "قيمة الثواني خارج النطاق المتوقع 0-59", "секунды вне допустимого диапазона 0-59", "秒超出预期范围 0-59"),
    "year 0 is out of range": (
        "l'année 0 est hors limites", "el año 0 está fuera de rango", "السنة 0 خارج النطاق",
        "год 0 вне допустимого диапазона", "年份 0 超出范围"),
    "unexpected extra characters at the end of the input": (
        "caractères en trop à la fin de la valeur", "caracteres de más al final del valor",
        "محارف زائدة غير متوقعة في نهاية القيمة", "лишние символы в конце значения", "输入末尾有多余的字符"),
    "input is too short": ("la valeur est trop courte", "el valor es demasiado corto", "القيمة أقصر من اللازم",
                           "значение слишком короткое", "输入过短"),
    "input is too long": ("la valeur est trop longue", "el valor es demasiado largo", "القيمة أطول من اللازم",
                          "значение слишком длинное", "输入过长"),
    "invalid character in year": ("caractère non valide dans l'année", "carácter no válido en el año",
                                  "محرف غير صالح في السنة", "недопустимый символ в годе", "年份中有无效字符"),
    "invalid character in month": ("caractère non valide dans le mois", "carácter no válido en el mes",
                                   "محرف غير صالح في الشهر", "недопустимый символ в месяце", "月份中有无效字符"),
    "invalid character in day": ("caractère non valide dans le jour", "carácter no válido en el día",
                                 "محرف غير صالح في اليوم", "недопустимый символ в дне", "日中有无效字符"),
    "invalid character in hour": ("caractère non valide dans l'heure", "carácter no válido en la hora",
                                  "محرف غير صالح في الساعة", "недопустимый символ в часах", "小时中有无效字符"),
    "invalid character in minute": ("caractère non valide dans les minutes", "carácter no válido en los minutos",
                                    "محرف غير صالح في الدقائق", "недопустимый символ в минутах", "分钟中有无效字符"),
    "invalid character in second": ("caractère non valide dans les secondes", "carácter no válido en los segundos",
                                    "محرف غير صالح في الثواني", "недопустимый символ в секундах", "秒中有无效字符"),
    "invalid date separator, expected `-`": (
        "séparateur de date non valide, `-` attendu", "separador de fecha no válido, se esperaba `-`",
        "فاصل تاريخ غير صالح، والمتوقع `-`", "недопустимый разделитель даты, ожидается `-`", "日期分隔符无效，应为 `-`"),
    "invalid timezone sign": ("signe de fuseau horaire non valide", "signo de zona horaria no válido",
                              "إشارة المنطقة الزمنية غير صالحة", "недопустимый знак часового пояса", "时区符号无效"),
    # -- the editor's refusals: what an officer is told an action cannot do, and why ----------------------------
    "%(id)s is not an id: letters, digits, '_', '-', '@' and '$' (an agency's id may hold '.' between parts)": (
        "%(id)s n'est pas un identifiant : lettres, chiffres, '_', '-', '@' et '$' (celui d'un organisme peut contenir '.' entre ses parties)",
        "%(id)s no es un identificador: letras, dígitos, '_', '-', '@' y '$' (el de un organismo puede llevar '.' entre sus partes)",
        "%(id)s ليس معرّفًا: حروف وأرقام و'_' و'-' و'@' و'$' (يجوز أن يحتوي معرّف الجهة على '.' بين أجزائه)",
        "%(id)s не является идентификатором: буквы, цифры, '_', '-', '@' и '$' (идентификатор организации может содержать '.' между частями)",
        "%(id)s 不是标识符：只能使用字母、数字、'_'、'-'、'@' 和 '$'（机构标识符的各部分之间可用 '.'）"),
    "'%(id)s' cannot be an id here: choose another": (
        "« %(id)s » ne peut pas servir d'identifiant ici : choisissez-en un autre",
        '«%(id)s» no puede ser un identificador aquí: elija otro',
        "لا يمكن استخدام '%(id)s' معرّفًا هنا: اختر معرّفًا آخر",
        '«%(id)s» нельзя использовать здесь как идентификатор: выберите другой',
        "'%(id)s' 不能在此用作标识符：请另选一个"),
    "'%(language)s' is not one of the catalogue's languages": (
        "« %(language)s » n'est pas une langue du catalogue",
        '«%(language)s» no es una de las lenguas del catálogo',
        "'%(language)s' ليست من لغات الفهرس",
        '«%(language)s» не входит в число языков каталога',
        "'%(language)s' 不是目录的语言之一"),
    "'%(name)s' cannot be unpacked: %(error)s": (
        '« %(name)s » ne peut pas être décompressé : %(error)s',
        '«%(name)s» no se puede descomprimir: %(error)s',
        "تعذّر فك ضغط '%(name)s': %(error)s",
        '«%(name)s» не удаётся распаковать: %(error)s',
        "无法解压 '%(name)s'：%(error)s"),
    "'%(name)s' would unpack outside the folder": (
        '« %(name)s » serait décompressé hors du dossier',
        '«%(name)s» se descomprimiría fuera de la carpeta',
        "سيُفك ضغط '%(name)s' خارج المجلد",
        '«%(name)s» был бы распакован за пределы папки',
        "'%(name)s' 会被解压到文件夹之外"),
    "'%(text)s' has no time zone: write e.g. 2026-06-30T10:00:00+02:00 or …Z": (
        "« %(text)s » n'a pas de fuseau horaire : écrivez par exemple 2026-06-30T10:00:00+02:00 ou …Z",
        '«%(text)s» no tiene zona horaria: escriba, por ejemplo, 2026-06-30T10:00:00+02:00 o …Z',
        "لا توجد منطقة زمنية في '%(text)s': اكتب مثلًا 2026-06-30T10:00:00+02:00 أو …Z",
        'В «%(text)s» нет часового пояса: напишите, например, 2026-06-30T10:00:00+02:00 или …Z',
        "'%(text)s' 没有时区：请写成例如 2026-06-30T10:00:00+02:00 或 …Z"),
    "'%(text)s' is not a date and time: write e.g. 2026-06-30T10:00:00+02:00": (
        "« %(text)s » n'est pas une date et une heure : écrivez par exemple 2026-06-30T10:00:00+02:00",
        '«%(text)s» no es una fecha y hora: escriba, por ejemplo, 2026-06-30T10:00:00+02:00',
        "'%(text)s' ليس تاريخًا ووقتًا: اكتب مثلًا 2026-06-30T10:00:00+02:00",
        '«%(text)s» не является датой и временем: напишите, например, 2026-06-30T10:00:00+02:00',
        "'%(text)s' 不是日期和时间：请写成例如 2026-06-30T10:00:00+02:00"),
    "'%(text)s' is not a release time": (
        "« %(text)s » n'est pas une heure de diffusion",
        '«%(text)s» no es una hora de publicación',
        "'%(text)s' ليس موعد نشر",
        '«%(text)s» не является временем публикации',
        "'%(text)s' 不是发布时间"),
    "'%(text)s' is not an offset from UTC such as +02:00": (
        "« %(text)s » n'est pas un décalage par rapport à UTC comme +02:00",
        '«%(text)s» no es una diferencia con UTC como +02:00',
        "'%(text)s' ليس فرقًا عن التوقيت العالمي مثل +02:00",
        '«%(text)s» не является смещением от UTC, например +02:00',
        "'%(text)s' 不是相对 UTC 的偏移量（如 +02:00）"),
    "'%(text)s' is not the path of a field": (
        "« %(text)s » n'est pas le chemin d'un champ",
        '«%(text)s» no es la ruta de un campo',
        "'%(text)s' ليس مسار حقل",
        '«%(text)s» не является путём к полю',
        "'%(text)s' 不是字段路径"),
    "'%(text)s' is out of range once converted to UTC": (
        '« %(text)s » sort des limites une fois converti en UTC',
        '«%(text)s» queda fuera de rango al convertirlo a UTC',
        "'%(text)s' خارج النطاق بعد تحويله إلى التوقيت العالمي",
        '«%(text)s» выходит за допустимые пределы после перевода в UTC',
        "'%(text)s' 转换为 UTC 后超出范围"),
    "a suggestion cannot change the record's id: make a new record for another id": (
        "une suggestion ne peut pas changer l'identifiant de la fiche : créez une nouvelle fiche pour un autre identifiant",
        'una sugerencia no puede cambiar el identificador del registro: cree un registro nuevo para otro identificador',
        'لا يمكن للاقتراح تغيير معرّف السجل: أنشئ سجلًا جديدًا لمعرّف آخر',
        'предложение не может изменить идентификатор записи: создайте новую запись для другого идентификатора',
        '建议不能更改记录的标识符：请为其他标识符新建记录'),
    "dataset '%(id)s' has no distribution %(number)s": (
        "le jeu de données « %(id)s » n'a pas de distribution %(number)s",
        'el conjunto de datos «%(id)s» no tiene distribución %(number)s',
        "لا توجد في مجموعة البيانات '%(id)s' توزيعة رقم %(number)s",
        'в наборе данных «%(id)s» нет дистрибутива %(number)s',
        "数据集 '%(id)s' 没有第 %(number)s 个分发"),
    "line %(line)s, column %(column)s: code '%(code)s' is also on line %(first)s": (
        'ligne %(line)s, colonne %(column)s : le code « %(code)s » figure aussi à la ligne %(first)s',
        'línea %(line)s, columna %(column)s: el código «%(code)s» también está en la línea %(first)s',
        "السطر %(line)s، العمود %(column)s: الرمز '%(code)s' موجود أيضًا في السطر %(first)s",
        'строка %(line)s, столбец %(column)s: код «%(code)s» есть также в строке %(first)s',
        "第 %(line)s 行第 %(column)s 列：代码 '%(code)s' 也出现在第 %(first)s 行"),
    "line %(line)s, column %(column)s: parent '%(parent)s' is not a code of the codelist (paste it too, or fix the parent)": (
        "ligne %(line)s, colonne %(column)s : le parent « %(parent)s » n'est pas un code de la liste (collez-le aussi, ou corrigez le parent)",
        'línea %(line)s, columna %(column)s: el padre «%(parent)s» no es un código de la lista (péguelo también o corrija el padre)',
        "السطر %(line)s، العمود %(column)s: الأصل '%(parent)s' ليس رمزًا في القائمة (الصقه أيضًا أو صحّح الأصل)",
        'строка %(line)s, столбец %(column)s: родитель «%(parent)s» не является кодом списка (вставьте и его или исправьте родителя)',
        "第 %(line)s 行第 %(column)s 列：上级 '%(parent)s' 不是该代码表中的代码（请一并粘贴，或更正上级）"),
    "line 1: no 'id' column (the header is %(header)s)": (
        "ligne 1 : pas de colonne 'id' (l'en-tête est %(header)s)",
        "línea 1: no hay columna 'id' (el encabezado es %(header)s)",
        "السطر 1: لا يوجد عمود 'id' (العناوين هي %(header)s)",
        "строка 1: нет столбца 'id' (заголовок: %(header)s)",
        "第 1 行：没有 'id' 列（表头为 %(header)s）"),
    "no %(kind)s '%(id)s'": (
        '%(kind)s « %(id)s » : introuvable',
        '%(kind)s «%(id)s»: no existe',
        "%(kind)s '%(id)s': غير موجود",
        '%(kind)s «%(id)s»: не найдено',
        "%(kind)s '%(id)s'：不存在"),
    "no kind of record '%(kind)s'": (
        'aucun type de fiche « %(kind)s »',
        'no hay ningún tipo de registro «%(kind)s»',
        "لا يوجد نوع سجل باسم '%(kind)s'",
        'нет типа записей «%(kind)s»',
        "没有 '%(kind)s' 这种记录类型"),
    "no suggestion %(number)s on %(kind)s '%(id)s'": (
        '%(kind)s « %(id)s » : pas de suggestion %(number)s',
        '%(kind)s «%(id)s»: no hay sugerencia %(number)s',
        "%(kind)s '%(id)s': لا يوجد اقتراح رقم %(number)s",
        '%(kind)s «%(id)s»: нет предложения %(number)s',
        "%(kind)s '%(id)s'：没有第 %(number)s 条建议"),
    "no workflow step '%(step)s'": (
        'aucune étape du circuit de validation « %(step)s »',
        'no hay ningún paso del flujo de trabajo «%(step)s»',
        "لا توجد خطوة سير عمل باسم '%(step)s'",
        'нет шага процесса «%(step)s»',
        "没有 '%(step)s' 这一工作流程步骤"),
    "only an admin of %(publisher)s, the catalogue's publisher, may import or export the whole catalogue": (
        "seul un administrateur de %(publisher)s, l'éditeur du catalogue, peut importer ou exporter tout le catalogue",
        'solo un administrador de %(publisher)s, el editor del catálogo, puede importar o exportar todo el catálogo',
        'لا يستطيع استيراد الفهرس كله أو تصديره إلا مسؤول في %(publisher)s، ناشر الفهرس',
        'импортировать или экспортировать весь каталог может только администратор %(publisher)s, издателя каталога',
        '只有目录发布者 %(publisher)s 的管理员才能导入或导出整个目录'),
    "revision %(revision)s of %(kind)s '%(id)s' holds no record": (
        '%(kind)s « %(id)s » : la révision %(revision)s ne contient aucune fiche',
        '%(kind)s «%(id)s»: la revisión %(revision)s no contiene ningún registro',
        "%(kind)s '%(id)s': المراجعة %(revision)s لا تحتوي على سجل",
        '%(kind)s «%(id)s»: редакция %(revision)s не содержит записи',
        "%(kind)s '%(id)s'：第 %(revision)s 版不含记录"),
    "the id '%(id)s' is taken: choose another": (
        "l'identifiant « %(id)s » est déjà pris : choisissez-en un autre",
        'el identificador «%(id)s» ya está en uso: elija otro',
        "المعرّف '%(id)s' مستخدم: اختر معرّفًا آخر",
        'идентификатор «%(id)s» уже занят: выберите другой',
        "标识符 '%(id)s' 已被占用：请另选一个"),
    "the id of a record cannot change: '%(id)s' stays '%(id)s' (make a new record for another id)": (
        "l'identifiant d'une fiche ne change pas : « %(id)s » reste « %(id)s » (créez une nouvelle fiche pour un autre identifiant)",
        'el identificador de un registro no puede cambiar: «%(id)s» sigue siendo «%(id)s» (cree un registro nuevo para otro identificador)',
        "لا يمكن تغيير معرّف السجل: يبقى '%(id)s' كما هو '%(id)s' (أنشئ سجلًا جديدًا لمعرّف آخر)",
        'идентификатор записи нельзя изменить: «%(id)s» остаётся «%(id)s» (создайте новую запись для другого идентификатора)',
        "记录的标识符不能更改：'%(id)s' 仍为 '%(id)s'（请为其他标识符新建记录）"),
    "the suggestion cannot be put in '%(field)s'": (
        'la suggestion ne peut pas être placée dans « %(field)s »',
        'la sugerencia no se puede poner en «%(field)s»',
        "لا يمكن وضع الاقتراح في '%(field)s'",
        'предложение нельзя поместить в «%(field)s»',
        "无法将建议放入 '%(field)s'"),
    '%(field)s: %(problem)s': (
        '%(field)s : %(problem)s',
        '%(field)s: %(problem)s',
        '%(field)s: %(problem)s',
        '%(field)s: %(problem)s',
        '%(field)s：%(problem)s'),
    '%(user)s may not %(action)s records of %(agency)s': (
        "%(user)s n'a pas le droit « %(action)s » sur les fiches de %(agency)s",
        '%(user)s no tiene el permiso «%(action)s» sobre los registros de %(agency)s',
        "لا يملك %(user)s صلاحية '%(action)s' على سجلات %(agency)s",
        'у %(user)s нет права «%(action)s» для записей %(agency)s',
        '%(user)s 没有对 %(agency)s 记录的“%(action)s”权限'),
    '%(user)s may not %(action)s records of any agency': (
        "%(user)s n'a le droit « %(action)s » sur les fiches d'aucun organisme",
        '%(user)s no tiene el permiso «%(action)s» sobre los registros de ningún organismo',
        "لا يملك %(user)s صلاحية '%(action)s' على سجلات أي جهة",
        'у %(user)s нет права «%(action)s» для записей ни одной организации',
        '%(user)s 对任何机构的记录都没有“%(action)s”权限'),
    '%(verb)s needs an item of a list, not %(found)s': (
        "%(verb)s porte sur un élément d'une liste, pas sur %(found)s",
        '%(verb)s necesita un elemento de una lista, no %(found)s',
        'يحتاج %(verb)s إلى عنصر من قائمة، لا %(found)s',
        '%(verb)s требует элемент списка, а не %(found)s',
        '%(verb)s 需要列表中的一项，而不是 %(found)s'),
    'a comment holds %(count)s characters at most': (
        'un commentaire contient au plus %(count)s caractères',
        'un comentario tiene como máximo %(count)s caracteres',
        'يحتوي التعليق على %(count)s حرف على الأكثر',
        'комментарий содержит не более %(count)s символов',
        '评论最多 %(count)s 个字符'),
    'a number is not finite (Infinity, NaN): write a number': (
        "un nombre n'est pas fini (Infinity, NaN) : écrivez un nombre",
        'un número no es finito (Infinity, NaN): escriba un número',
        'هناك عدد غير منتهٍ (Infinity أو NaN): اكتب عددًا',
        'число не конечно (Infinity, NaN): напишите число',
        '有数字不是有限数（Infinity、NaN）：请写一个数字'),
    'a path starts with a field name': (
        'un chemin commence par un nom de champ',
        'una ruta empieza por un nombre de campo',
        'يبدأ المسار باسم حقل',
        'путь начинается с имени поля',
        '路径以字段名开头'),
    'a release time needs a time zone': (
        "une heure de diffusion a besoin d'un fuseau horaire",
        'una hora de publicación necesita zona horaria',
        'يحتاج موعد النشر إلى منطقة زمنية',
        'для времени публикации нужен часовой пояс',
        '发布时间需要时区'),
    'a store holds one catalogue record: edit it': (
        'une base contient une seule fiche de catalogue : modifiez-la',
        'un almacén contiene un único registro de catálogo: edítelo',
        'يحتوي المخزن على سجل فهرس واحد: عدّله',
        'хранилище содержит одну запись каталога: отредактируйте её',
        '一个存储库只有一条目录记录：请编辑它'),
    'a text holds a lone surrogate (half of a character): it cannot be stored': (
        'un texte contient un demi-caractère isolé (substitut) : il ne peut pas être enregistré',
        'un texto contiene un sustituto aislado (medio carácter): no se puede guardar',
        'يحتوي نص على نصف محرف منفرد (بديل): لا يمكن حفظه',
        'текст содержит одиночный суррогат (половину символа): его нельзя сохранить',
        '文本含有孤立的代理项（半个字符）：无法保存'),
    'approve': (
        'approuver',
        'aprobar',
        'الموافقة',
        'одобрение',
        '批准'),
    'catalogue': (
        'catalogue',
        'catálogo',
        'الفهرس',
        'каталог',
        '目录'),
    'choose a file to upload': (
        'choisissez un fichier à téléverser',
        'elija un archivo para subir',
        'اختر ملفًا لرفعه',
        'выберите файл для загрузки',
        '请选择要上传的文件'),
    'choose the zip file of a records folder': (
        "choisissez le fichier zip d'un dossier de fiches",
        'elija el archivo zip de una carpeta de registros',
        'اختر ملف zip لمجلد سجلات',
        'выберите zip-файл папки записей',
        '请选择记录文件夹的 zip 文件'),
    'comment': (
        'commenter',
        'comentar',
        'التعليق',
        'комментирование',
        '评论'),
    'concept scheme': (
        'schéma de concepts',
        'esquema de conceptos',
        'مخطط المفاهيم',
        'схема понятий',
        '概念方案'),
    'edit': (
        'modifier',
        'editar',
        'التحرير',
        'редактирование',
        '编辑'),
    'give the new record an id': (
        'donnez un identifiant à la nouvelle fiche',
        'dé un identificador al registro nuevo',
        'أعطِ السجل الجديد معرّفًا',
        'задайте идентификатор новой записи',
        '请为新记录指定标识符'),
    'in review': (
        'en relecture',
        'en revisión',
        'قيد المراجعة',
        'на проверке',
        '审核中'),
    'line %(line)s, column %(column)s: the id is empty': (
        "ligne %(line)s, colonne %(column)s : l'identifiant est vide",
        'línea %(line)s, columna %(column)s: el identificador está vacío',
        'السطر %(line)s، العمود %(column)s: المعرّف فارغ',
        'строка %(line)s, столбец %(column)s: идентификатор пуст',
        '第 %(line)s 行第 %(column)s 列：标识符为空'),
    'manage members': (
        'gérer les membres',
        'gestionar los miembros',
        'إدارة الأعضاء',
        'управление участниками',
        '管理成员'),
    'publish': (
        'publier',
        'publicar',
        'النشر',
        'публикация',
        '发布'),
    'release': (
        'diffusion',
        'publicación',
        'الإصدار',
        'выпуск',
        '发布计划'),
    'say which revision to restore': (
        'indiquez la révision à restaurer',
        'indique qué revisión restaurar',
        'حدّد المراجعة المراد استعادتها',
        'укажите, какую редакцию восстановить',
        '请说明要恢复哪个版本'),
    'the CSV is empty: paste a header (id, parent, name_en…) and rows': (
        'le CSV est vide : collez un en-tête (id, parent, name_en…) et des lignes',
        'el CSV está vacío: pegue un encabezado (id, parent, name_en…) y filas',
        'ملف CSV فارغ: الصق سطر عناوين (id, parent, name_en…) وصفوفًا',
        'CSV пуст: вставьте заголовок (id, parent, name_en…) и строки',
        'CSV 为空：请粘贴表头（id, parent, name_en…）和数据行'),
    'the archive unpacks to more than %(limit)s bytes': (
        "l'archive décompressée dépasse %(limit)s octets",
        'el archivo descomprimido supera los %(limit)s bytes',
        'يتجاوز الأرشيف بعد فك ضغطه %(limit)s بايت',
        'распакованный архив больше %(limit)s байт',
        '压缩包解压后超过 %(limit)s 字节'),
    'the dataset is embargoed until %(moment)s: confirm that it is to be released earlier, or keep its release time': (
        "le jeu de données est sous embargo jusqu'au %(moment)s : confirmez qu'il doit être diffusé plus tôt, ou gardez son heure de diffusion",
        'el conjunto de datos está embargado hasta %(moment)s: confirme que debe publicarse antes o mantenga su hora de publicación',
        'مجموعة البيانات محظورة النشر حتى %(moment)s: أكّد أنها ستُنشر قبل ذلك، أو أبقِ موعد نشرها',
        'набор данных под эмбарго до %(moment)s: подтвердите более раннюю публикацию или оставьте время публикации',
        '该数据集在 %(moment)s 之前处于禁发期：请确认提前发布，或保留其发布时间'),
    'the file has %(size)s bytes; the editor takes files up to %(limit)s bytes': (
        "le fichier fait %(size)s octets ; l'éditeur accepte des fichiers d'au plus %(limit)s octets",
        'el archivo tiene %(size)s bytes; el editor admite archivos de hasta %(limit)s bytes',
        'حجم الملف %(size)s بايت؛ يقبل المحرر ملفات حتى %(limit)s بايت',
        'размер файла %(size)s байт; редактор принимает файлы до %(limit)s байт',
        '文件大小为 %(size)s 字节；编辑器接受的文件最大为 %(limit)s 字节'),
    'the file is not a zip archive of a records folder': (
        "le fichier n'est pas une archive zip d'un dossier de fiches",
        'el archivo no es un zip de una carpeta de registros',
        'الملف ليس أرشيف zip لمجلد سجلات',
        'файл не является zip-архивом папки записей',
        '该文件不是记录文件夹的 zip 压缩包'),
    'the form does not say which revision it was opened on: reload the page': (
        "le formulaire n'indique pas sur quelle révision il a été ouvert : rechargez la page",
        'el formulario no indica sobre qué revisión se abrió: recargue la página',
        'لا يذكر النموذج المراجعة التي فُتح عليها: أعد تحميل الصفحة',
        'в форме не указано, на какой редакции она открыта: обновите страницу',
        '表单未说明基于哪个版本打开：请刷新页面'),
    'the record is %(stage)s: it cannot be %(moved)s': (
        "la fiche est à l'étape « %(stage)s » : l'étape « %(moved)s » n'est pas possible",
        'el registro está en la etapa «%(stage)s»: no puede pasar a «%(moved)s»',
        "السجل في مرحلة '%(stage)s': لا يمكن أن يصبح '%(moved)s'",
        'запись на этапе «%(stage)s»: переход «%(moved)s» невозможен',
        '记录处于“%(stage)s”阶段：无法“%(moved)s”'),
    'the record is %(stage)s: only an approved record is published': (
        "la fiche est à l'étape « %(stage)s » : seule une fiche approuvée est publiée",
        'el registro está en la etapa «%(stage)s»: solo se publica un registro aprobado',
        "السجل في مرحلة '%(stage)s': لا يُنشر إلا سجل تمت الموافقة عليه",
        'запись на этапе «%(stage)s»: публикуется только одобренная запись',
        '记录处于“%(stage)s”阶段：只有已批准的记录才能发布'),
    'the store holds no catalogue yet: load one with `catalogue load`': (
        'la base ne contient pas encore de catalogue : chargez-en un avec `catalogue load`',
        'el almacén aún no contiene ningún catálogo: cargue uno con `catalogue load`',
        'لا يحتوي المخزن على فهرس بعد: حمّل فهرسًا باستخدام `catalogue load`',
        'в хранилище ещё нет каталога: загрузите его командой `catalogue load`',
        '存储库中还没有目录：请用 `catalogue load` 加载'),
    'the suggestion holds a character XML cannot carry': (
        'la suggestion contient un caractère que XML ne peut pas porter',
        'la sugerencia contiene un carácter que XML no admite',
        'يحتوي الاقتراح على محرف لا يقبله XML',
        'предложение содержит символ, недопустимый в XML',
        '建议中含有 XML 无法承载的字符'),
    'the suggestion was already applied or resolved': (
        'la suggestion a déjà été appliquée ou résolue',
        'la sugerencia ya se aplicó o se resolvió',
        'سبق تطبيق الاقتراح أو حلّه',
        'предложение уже применено или закрыто',
        '该建议已被采纳或已解决'),
    'unknown form action %(action)s': (
        'action de formulaire inconnue : %(action)s',
        'acción de formulario desconocida: %(action)s',
        'إجراء نموذج غير معروف: %(action)s',
        'неизвестное действие формы: %(action)s',
        '未知的表单操作：%(action)s'),
    'view drafts': (
        'voir les brouillons',
        'ver los borradores',
        'عرض المسودات',
        'просмотр черновиков',
        '查看草稿'),
    'write the comment': (
        'écrivez le commentaire',
        'escriba el comentario',
        'اكتب التعليق',
        'напишите комментарий',
        '请填写评论'),
    'you made the last change to this record: someone else must %(action)s it': (
        "vous avez fait la dernière modification de cette fiche : une autre personne doit s'en charger (« %(action)s »)",
        'usted hizo el último cambio de este registro: otra persona debe encargarse («%(action)s»)',
        "أجريت آخر تغيير على هذا السجل: يجب أن يتولى شخص آخر '%(action)s'",
        'последнее изменение записи сделали вы: действие «%(action)s» должен выполнить кто-то другой',
        '此记录的最后一次更改是您做的：必须由其他人执行“%(action)s”'),
    # -- data files: what the checks of a dataset's local tables say ----------------------------------------------
    "'%(cell)s' breaks the constraint: %(note)s": (
        '« %(cell)s » enfreint la contrainte : %(note)s',
        '«%(cell)s» incumple la restricción: %(note)s',
        "'%(cell)s' يخالف القيد: %(note)s",
        '«%(cell)s» нарушает ограничение: %(note)s',
        "'%(cell)s' 违反约束：%(note)s"),
    "'%(cell)s' is not of type %(type)s": (
        "« %(cell)s » n'est pas du type %(type)s",
        '«%(cell)s» no es del tipo %(type)s',
        "'%(cell)s' ليس من النوع %(type)s",
        '«%(cell)s» не относится к типу %(type)s',
        "'%(cell)s' 不是 %(type)s 类型"),
    "column %(column)s is '%(label)s', but variable '%(field)s' is expected there (the columns follow the order of the variables)": (
        "la colonne %(column)s est « %(label)s », mais la variable « %(field)s » est attendue à cette place (les colonnes suivent l'ordre des variables)",
        'la columna %(column)s es «%(label)s», pero se espera ahí la variable «%(field)s» (las columnas siguen el orden de las variables)',
        "العمود %(column)s هو '%(label)s'، لكن المتوقع هناك المتغير '%(field)s' (تتبع الأعمدة ترتيب المتغيرات)",
        'столбец %(column)s — «%(label)s», но на этом месте ожидается переменная «%(field)s» (столбцы идут в порядке переменных)',
        "第 %(column)s 列是 '%(label)s'，但此处应为变量 '%(field)s'（各列按变量的顺序排列）"),
    "column %(index)s '%(name)s' appears twice": (
        'la colonne %(index)s « %(name)s » apparaît deux fois',
        'la columna %(index)s «%(name)s» aparece dos veces',
        "العمود %(index)s '%(name)s' مكرر",
        'столбец %(index)s «%(name)s» встречается дважды',
        "第 %(index)s 列 '%(name)s' 出现了两次"),
    "column %(index)s '%(name)s' is not a variable of %(dataset)s (names are compared exactly); a file with an undeclared column is never published": (
        "la colonne %(index)s « %(name)s » n'est pas une variable de %(dataset)s (les noms sont comparés à l'identique) ; un fichier avec une colonne non déclarée n'est jamais publié",
        'la columna %(index)s «%(name)s» no es una variable de %(dataset)s (los nombres se comparan de forma exacta); un archivo con una columna no declarada nunca se publica',
        "العمود %(index)s '%(name)s' ليس متغيرًا في %(dataset)s (تُقارن الأسماء حرفيًا)؛ لا يُنشر أبدًا ملف فيه عمود غير مُعلن",
        'столбец %(index)s «%(name)s» не является переменной %(dataset)s (имена сравниваются точно); файл с необъявленным столбцом никогда не публикуется',
        "第 %(index)s 列 '%(name)s' 不是 %(dataset)s 的变量（名称须完全一致）；含未声明列的文件一律不发布"),
    "column '%(column)s': %(problem)s": (
        'colonne « %(column)s » : %(problem)s',
        'columna «%(column)s»: %(problem)s',
        "العمود '%(column)s': %(problem)s",
        'столбец «%(column)s»: %(problem)s',
        "列 '%(column)s'：%(problem)s"),
    "column '%(label)s' appears twice": (
        'la colonne « %(label)s » apparaît deux fois',
        'la columna «%(label)s» aparece dos veces',
        "العمود '%(label)s' مكرر",
        'столбец «%(label)s» встречается дважды',
        "列 '%(label)s' 出现了两次"),
    "column '%(label)s' is not a variable of the dataset": (
        "la colonne « %(label)s » n'est pas une variable du jeu de données",
        'la columna «%(label)s» no es una variable del conjunto de datos',
        "العمود '%(label)s' ليس متغيرًا في مجموعة البيانات",
        'столбец «%(label)s» не является переменной набора данных',
        "列 '%(label)s' 不是该数据集的变量"),
    "not %(encoding)s text (byte %(byte)s, line %(line)s, column %(column)s); declare its encoding in the distribution's dialect (e.g. dialect: {encoding: latin-1})": (
        "ce n'est pas du texte %(encoding)s (octet %(byte)s, ligne %(line)s, colonne %(column)s) ; déclarez son encodage dans le dialecte de la distribution (par ex. dialect: {encoding: latin-1})",
        'no es texto %(encoding)s (byte %(byte)s, línea %(line)s, columna %(column)s); declare su codificación en el dialecto de la distribución (p. ej. dialect: {encoding: latin-1})',
        'ليس نصًا بترميز %(encoding)s (البايت %(byte)s، السطر %(line)s، العمود %(column)s)؛ صرّح بترميزه في لهجة التوزيعة (مثلًا dialect: {encoding: latin-1})',
        'это не текст %(encoding)s (байт %(byte)s, строка %(line)s, столбец %(column)s); укажите кодировку в диалекте дистрибутива (например, dialect: {encoding: latin-1})',
        '不是 %(encoding)s 文本（第 %(byte)s 字节，第 %(line)s 行第 %(column)s 列）；请在分发的方言中声明其编码（例如 dialect: {encoding: latin-1}）'),
    "the file has no column for variable '%(field)s'": (
        "le fichier n'a pas de colonne pour la variable « %(field)s »",
        'el archivo no tiene columna para la variable «%(field)s»',
        "لا يحتوي الملف على عمود للمتغير '%(field)s'",
        'в файле нет столбца для переменной «%(field)s»',
        "文件中没有变量 '%(field)s' 的列"),
    "the primary key (%(key)s) has no value in column '%(column)s' ('%(value)s' is a missing-value code)": (
        "la clé primaire (%(key)s) n'a pas de valeur dans la colonne « %(column)s » (« %(value)s » est un code de valeur manquante)",
        'la clave primaria (%(key)s) no tiene valor en la columna «%(column)s» («%(value)s» es un código de valor ausente)',
        "المفتاح الأساسي (%(key)s) بلا قيمة في العمود '%(column)s' ('%(value)s' رمز قيمة مفقودة)",
        'у первичного ключа (%(key)s) нет значения в столбце «%(column)s» («%(value)s» — код пропущенного значения)',
        "主键（%(key)s）在列 '%(column)s' 中没有值（'%(value)s' 是缺失值代码）"),
    "the primary key (%(key)s) has no value in column '%(column)s'": (
        "la clé primaire (%(key)s) n'a pas de valeur dans la colonne « %(column)s »",
        'la clave primaria (%(key)s) no tiene valor en la columna «%(column)s»',
        "المفتاح الأساسي (%(key)s) بلا قيمة في العمود '%(column)s'",
        'у первичного ключа (%(key)s) нет значения в столбце «%(column)s»',
        "主键（%(key)s）在列 '%(column)s' 中没有值"),
    'cannot read the file: %(error)s': (
        'impossible de lire le fichier : %(error)s',
        'no se puede leer el archivo: %(error)s',
        'تعذّرت قراءة الملف: %(error)s',
        'не удаётся прочитать файл: %(error)s',
        '无法读取文件：%(error)s'),
    'duplicate primary key (%(key)s): %(note)s': (
        'clé primaire en double (%(key)s) : %(note)s',
        'clave primaria duplicada (%(key)s): %(note)s',
        'مفتاح أساسي مكرر (%(key)s): %(note)s',
        'повторяющийся первичный ключ (%(key)s): %(note)s',
        '主键重复（%(key)s）：%(note)s'),
    'not readable as delimited text: %(error)s': (
        'illisible comme texte délimité : %(error)s',
        'no se puede leer como texto delimitado: %(error)s',
        'لا يمكن قراءته نصًا مفصولًا بفواصل: %(error)s',
        'не читается как текст с разделителями: %(error)s',
        '无法作为分隔文本读取：%(error)s'),
    'the file has %(columns)s columns and the dataset %(variables)s variables: a column is a variable': (
        'le fichier a %(columns)s colonnes et le jeu de données %(variables)s variables : une colonne est une variable',
        'el archivo tiene %(columns)s columnas y el conjunto de datos %(variables)s variables: una columna es una variable',
        'في الملف %(columns)s عمودًا وفي مجموعة البيانات %(variables)s متغيرًا: كل عمود متغير',
        'в файле %(columns)s столбцов, а в наборе данных %(variables)s переменных: столбец — это переменная',
        '文件有 %(columns)s 列，而数据集有 %(variables)s 个变量：一列即一个变量'),
    'the row has more values than the header': (
        "la ligne a plus de valeurs que l'en-tête",
        'la fila tiene más valores que el encabezado',
        'في الصف قيم أكثر من العناوين',
        'в строке больше значений, чем в заголовке',
        '该行的值多于表头'),
    'the row has no value for this column': (
        "la ligne n'a pas de valeur pour cette colonne",
        'la fila no tiene valor para esta columna',
        'لا قيمة في الصف لهذا العمود',
        'в строке нет значения для этого столбца',
        '该行在此列没有值'),
    'the row is empty': (
        'la ligne est vide',
        'la fila está vacía',
        'الصف فارغ',
        'строка пуста',
        '该行为空'),
    "'%(key)s' is a draft of a version that is released: SDMX 2.1 writes both as %(version)s, and its messages keep the release only": (
        "'%(key)s' est le brouillon d'une version publiée : SDMX 2.1 écrit les deux comme %(version)s, et ses messages ne gardent que la version publiée",
        "'%(key)s' es un borrador de una versión publicada: SDMX 2.1 escribe ambas como %(version)s, y sus mensajes conservan solo la publicada",
        "'%(key)s' مسودة لإصدار منشور: يكتب SDMX 2.1 كليهما بالرقم %(version)s، ولا تحتفظ رسائله إلا بالإصدار المنشور",
        "'%(key)s' — черновик выпущенной версии: SDMX 2.1 записывает обе как %(version)s, и его сообщения сохраняют только выпуск",
        "'%(key)s' 是已发布版本的草稿：SDMX 2.1 将两者都写为 %(version)s，其消息只保留已发布版本"),
    "'%(key)s' is released: it cannot change; make the change in a new version": (
        "'%(key)s' est publiée : elle ne peut plus changer ; faites la modification dans une nouvelle version",
        "'%(key)s' está publicada: no puede cambiar; haga el cambio en una nueva versión",
        "'%(key)s' منشور: لا يمكن تغييره؛ أجرِ التغيير في إصدار جديد",
        "'%(key)s' выпущена: её нельзя изменить; внесите изменение в новую версию",
        "'%(key)s' 已发布：不能更改；请在新版本中进行更改"),
    "'%(version)s' is not a version: write it as '1.1', '1.1.0' or '1.1.0-draft'": (
        "'%(version)s' n'est pas une version : écrivez-la comme '1.1', '1.1.0' ou '1.1.0-draft'",
        "'%(version)s' no es una versión: escríbala como '1.1', '1.1.0' o '1.1.0-draft'",
        "'%(version)s' ليس إصدارًا: اكتبه بالشكل '1.1' أو '1.1.0' أو '1.1.0-draft'",
        "'%(version)s' — не версия: запишите её как '1.1', '1.1.0' или '1.1.0-draft'",
        "'%(version)s' 不是版本：请写成 '1.1'、'1.1.0' 或 '1.1.0-draft'"),
    "'%(key)s' is a version it has: choose another": (
        "'%(key)s' est une version qu'il a déjà : choisissez-en une autre",
        "'%(key)s' es una versión que ya tiene: elija otra",
        "'%(key)s' إصدار موجود لديه: اختر غيره",
        "'%(key)s' — уже существующая версия: выберите другую",
        "'%(key)s' 是已有的版本：请选择另一个"),
    "a version such as '1.0', '2.1.3' or '2.2.0-draft' (numbers without leading zeros; a version still changing has an extension)": (
        "une version telle que '1.0', '2.1.3' ou '2.2.0-draft' (des nombres sans zéro initial ; une version qui change encore a une extension)",
        "una versión como '1.0', '2.1.3' o '2.2.0-draft' (números sin ceros a la izquierda; una versión que aún cambia lleva una extensión)",
        "إصدار مثل '1.0' أو '2.1.3' أو '2.2.0-draft' (أرقام بلا أصفار بادئة؛ للإصدار الذي لا يزال يتغير امتداد)",
        "версия вида '1.0', '2.1.3' или '2.2.0-draft' (числа без ведущих нулей; у ещё меняющейся версии есть расширение)",
        "形如 '1.0'、'2.1.3' 或 '2.2.0-draft' 的版本（数字不带前导零；仍在变化的版本带有扩展）"),
    'only a codelist or a concept scheme has versions': (
        "seules les listes de codes et les schémas de concepts ont des versions",
        "solo las listas de códigos y los esquemas de conceptos tienen versiones",
        "لا إصدارات إلا لقوائم الرموز ومخططات المفاهيم",
        "версии есть только у списков кодов и схем понятий",
        "只有代码表和概念方案有版本"),
    "say which version to make, such as '1.1' or '1.1.0'": (
        "dites quelle version créer, par exemple '1.1' ou '1.1.0'",
        "indique qué versión crear, por ejemplo '1.1' o '1.1.0'",
        "حدّد الإصدار المراد إنشاؤه، مثل '1.1' أو '1.1.0'",
        "укажите, какую версию создать, например '1.1' или '1.1.0'",
        "请说明要创建的版本，例如 '1.1' 或 '1.1.0'"),
    "a text of a report holds at most %(most)s characters, not %(count)s": (
        "un texte de rapport compte au plus %(most)s caractères, pas %(count)s",
        "un texto de informe tiene como máximo %(most)s caracteres, no %(count)s",
        "يحتوي نص التقرير على %(most)s محرف على الأكثر، لا %(count)s",
        "текст отчёта содержит не более %(most)s символов, а не %(count)s",
        "报告的文本最多 %(most)s 个字符，而非 %(count)s 个"),
    "a report gives at most %(most)s values, at every level together": (
        "un rapport donne au plus %(most)s valeurs, tous niveaux confondus",
        "un informe da como máximo %(most)s valores, en todos los niveles juntos",
        "يقدّم التقرير %(most)s قيمة على الأكثر في جميع المستويات معًا",
        "отчёт содержит не более %(most)s значений на всех уровнях вместе",
        "报告在所有层级合计最多给出 %(most)s 个值"),
    "no dataset '%(ref)s' that its publisher may report on": (
        "aucun jeu de données '%(ref)s' sur lequel son éditeur puisse faire rapport",
        "ningún conjunto de datos '%(ref)s' sobre el que su editor pueda informar",
        "لا توجد مجموعة بيانات '%(ref)s' يجوز لناشره الإبلاغ عنها",
        "нет набора данных '%(ref)s', о котором его издатель может отчитываться",
        "没有其发布者可就其提交报告的数据集 '%(ref)s'"),
    "the XHTML is not XHTML 1.1, which SDMX takes: %(problem)s": (
        "le XHTML n'est pas du XHTML 1.1, que prend SDMX : %(problem)s",
        "el XHTML no es XHTML 1.1, que es lo que admite SDMX: %(problem)s",
        "ليس XHTML هذا من XHTML 1.1 الذي يقبله SDMX: %(problem)s",
        "XHTML не соответствует XHTML 1.1, который принимает SDMX: %(problem)s",
        "该 XHTML 不是 SDMX 所接受的 XHTML 1.1：%(problem)s"),
    "metadata report": ("rapport de métadonnées", "informe de metadatos", "تقرير البيانات الوصفية", "отчёт метаданных",
                        "元数据报告"),
    "Metadata report": ("Rapport de métadonnées", "Informe de metadatos", "تقرير البيانات الوصفية", "Отчёт метаданных",
                        "元数据报告"),
    "a report on the catalogue names no id": (
        "un rapport sur le catalogue ne nomme pas d'identifiant", "un informe sobre el catálogo no indica ningún "
        "identificador", "لا يذكر التقرير عن الفهرس أي معرّف", "отчёт о каталоге не указывает идентификатор",
        "关于目录的报告不指定标识符"),
    "a report on a series, a dataset or an agency names its id": (
        "un rapport sur une série, un jeu de données ou une agence en nomme l'identifiant",
        "un informe sobre una serie, un conjunto de datos o una agencia indica su identificador",
        "يذكر التقرير عن سلسلة أو مجموعة بيانات أو وكالة معرّفها",
        "отчёт о серии, наборе данных или агентстве указывает его идентификатор",
        "关于系列、数据集或机构的报告须指定其标识符"),
    "a report is on a record of its publisher '%(publisher)s' (this one is '%(owner)s''s)": (
        "un rapport porte sur un enregistrement de son éditeur '%(publisher)s' (celui-ci est de '%(owner)s')",
        "un informe trata de un registro de su editor '%(publisher)s' (este es de '%(owner)s')",
        "يتناول التقرير سجلًا لناشره '%(publisher)s' (وهذا السجل تابع لـ '%(owner)s')",
        "отчёт относится к записи своего издателя '%(publisher)s' (эта запись принадлежит '%(owner)s')",
        "报告针对其发布者 '%(publisher)s' 的记录（此记录属于 '%(owner)s'）"),
    "'%(period)s' is not a reporting period such as 2024, 2024-Q1, 2024-03 or 2024-01-01/2024-06-30": (
        "'%(period)s' n'est pas une période de référence telle que 2024, 2024-Q1, 2024-03 ou 2024-01-01/2024-06-30",
        "'%(period)s' no es un período de referencia como 2024, 2024-Q1, 2024-03 o 2024-01-01/2024-06-30",
        "'%(period)s' ليست فترة إبلاغ مثل 2024 أو 2024-Q1 أو 2024-03 أو 2024-01-01/2024-06-30",
        "'%(period)s' не является отчётным периодом, например 2024, 2024-Q1, 2024-03 или 2024-01-01/2024-06-30",
        "'%(period)s' 不是报告期，例如 2024、2024-Q1、2024-03 或 2024-01-01/2024-06-30"),
    "no attribute '%(attribute)s' %(where)s in %(structure)s (known: %(known)s)": (
        "aucun attribut '%(attribute)s' %(where)s dans %(structure)s (connus : %(known)s)",
        "ningún atributo '%(attribute)s' %(where)s en %(structure)s (conocidos: %(known)s)",
        "لا توجد سمة '%(attribute)s' %(where)s في %(structure)s (المعروفة: %(known)s)",
        "нет атрибута '%(attribute)s' %(where)s в %(structure)s (известные: %(known)s)",
        "%(structure)s 中%(where)s没有属性 '%(attribute)s'（已知：%(known)s）"),
    "under '%(parent)s'": ("sous '%(parent)s'", "bajo '%(parent)s'", "تحت '%(parent)s'", "под '%(parent)s'",
                           "在 '%(parent)s' 下"),
    "at the top": ("au premier niveau", "en el primer nivel", "في المستوى الأعلى", "на верхнем уровне", "在顶层"),
    "'%(attribute)s' is a heading: it gives no text or value of its own, only the attributes under it": (
        "'%(attribute)s' est un titre : il ne donne ni texte ni valeur propre, seulement les attributs placés dessous",
        "'%(attribute)s' es un encabezado: no da texto ni valor propio, solo los atributos que hay debajo",
        "'%(attribute)s' عنوان: لا يقدّم نصًا ولا قيمة خاصة به، بل السمات التي تحته فقط",
        "'%(attribute)s' — заголовок: у него нет собственного текста или значения, только атрибуты под ним",
        "'%(attribute)s' 是标题：它本身不提供文本或值，只提供其下的属性"),
    "'%(attribute)s' takes a text (text:), not a value": (
        "'%(attribute)s' prend un texte (text:), pas une valeur", "'%(attribute)s' lleva un texto (text:), no un valor",
        "'%(attribute)s' يأخذ نصًا (text:)، لا قيمة", "'%(attribute)s' принимает текст (text:), а не значение",
        "'%(attribute)s' 取文本（text:），而非值"),
    "'%(attribute)s' takes a value (value:), not a text": (
        "'%(attribute)s' prend une valeur (value:), pas un texte", "'%(attribute)s' lleva un valor (value:), no un texto",
        "'%(attribute)s' يأخذ قيمة (value:)، لا نصًا", "'%(attribute)s' принимает значение (value:), а не текст",
        "'%(attribute)s' 取值（value:），而非文本"),
    "'%(attribute)s' gives no text": ("'%(attribute)s' ne donne aucun texte", "'%(attribute)s' no da ningún texto",
                                      "'%(attribute)s' لا يقدّم أي نص", "'%(attribute)s' не содержит текста",
                                      "'%(attribute)s' 未提供文本"),
    "'%(attribute)s' gives no value": ("'%(attribute)s' ne donne aucune valeur", "'%(attribute)s' no da ningún valor",
                                       "'%(attribute)s' لا يقدّم أي قيمة", "'%(attribute)s' не содержит значения",
                                       "'%(attribute)s' 未提供值"),
    "the XHTML holds what is never published (%(what)s): only text markup, lists, tables and http(s) or mailto links "
    "are": (
        "le XHTML contient ce qui n'est jamais publié (%(what)s) : seuls le balisage du texte, les listes, les tableaux "
        "et les liens http(s) ou mailto le sont",
        "el XHTML contiene lo que nunca se publica (%(what)s): solo se publican el marcado de texto, las listas, las "
        "tablas y los enlaces http(s) o mailto",
        "يحتوي XHTML على ما لا يُنشر أبدًا (%(what)s): لا يُنشر إلا ترميز النص والقوائم والجداول وروابط http(s) أو "
        "mailto",
        "XHTML содержит то, что никогда не публикуется (%(what)s): публикуются только разметка текста, списки, таблицы "
        "и ссылки http(s) или mailto",
        "XHTML 含有永不发布的内容（%(what)s）：只发布文本标记、列表、表格以及 http(s) 或 mailto 链接"),
    "'%(value)s' is not a code of %(codelist)s (codes: %(codes)s)": (
        "'%(value)s' n'est pas un code de %(codelist)s (codes : %(codes)s)",
        "'%(value)s' no es un código de %(codelist)s (códigos: %(codes)s)",
        "'%(value)s' ليس رمزًا من %(codelist)s (الرموز: %(codes)s)",
        "'%(value)s' не является кодом %(codelist)s (коды: %(codes)s)",
        "'%(value)s' 不是 %(codelist)s 的代码（代码：%(codes)s）"),
    "'%(value)s' is not a number such as 12, -0.5 or 1.2E3": (
        "'%(value)s' n'est pas un nombre tel que 12, -0.5 ou 1.2E3", "'%(value)s' no es un número como 12, -0.5 o 1.2E3",
        "'%(value)s' ليس عددًا مثل 12 أو -0.5 أو 1.2E3", "'%(value)s' не является числом, например 12, -0.5 или 1.2E3",
        "'%(value)s' 不是数字，例如 12、-0.5 或 1.2E3"),
    "'%(value)s' is not a date, a date and time or a period such as 2024-03-31, 2024-03-31T09:00:00Z or 2024-Q1": (
        "'%(value)s' n'est pas une date, une date et heure ou une période telle que 2024-03-31, 2024-03-31T09:00:00Z "
        "ou 2024-Q1",
        "'%(value)s' no es una fecha, una fecha y hora ni un período como 2024-03-31, 2024-03-31T09:00:00Z o 2024-Q1",
        "'%(value)s' ليس تاريخًا ولا تاريخًا ووقتًا ولا فترة مثل 2024-03-31 أو 2024-03-31T09:00:00Z أو 2024-Q1",
        "'%(value)s' не является датой, датой и временем или периодом, например 2024-03-31, 2024-03-31T09:00:00Z или "
        "2024-Q1",
        "'%(value)s' 不是日期、日期时间或时期，例如 2024-03-31、2024-03-31T09:00:00Z 或 2024-Q1"),
}
"""Each check message's id (its English text) and its translations into fr, es, ar, ru, zh."""


CHECK_PLURALS: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {
    # (singular, plural) in English: the forms of fr, es, ar, ru, zh, as in ``translations.PLURALS`` (fr and es 3:
    # one, many (millions), other; ar 6: zero, one, two, few, many, other; ru 3: one, few, many; zh 1)
    ("String should have at least %(count)s character", "String should have at least %(count)s characters"): (
        ("Le texte doit compter au moins %(count)s caractère", "Le texte doit compter au moins %(count)s de caractères",
         "Le texte doit compter au moins %(count)s caractères"),
        ("El texto debe tener al menos %(count)s carácter", "El texto debe tener al menos %(count)s de caracteres",
         "El texto debe tener al menos %(count)s caracteres"),
        ("يجب أن يحتوي النص على %(count)s محرف على الأقل", "يجب أن يحتوي النص على محرف واحد على الأقل",
         "يجب أن يحتوي النص على محرفين على الأقل", "يجب أن يحتوي النص على %(count)s محارف على الأقل",
         "يجب أن يحتوي النص على %(count)s محرفًا على الأقل", "يجب أن يحتوي النص على %(count)s محرف على الأقل"),
        ("Строка должна содержать не менее %(count)s символа", "Строка должна содержать не менее %(count)s символов",
         "Строка должна содержать не менее %(count)s символов"),
        ("字符串应至少有 %(count)s 个字符",)),
    ("String should have at most %(count)s character", "String should have at most %(count)s characters"): (
        ("Le texte doit compter au plus %(count)s caractère", "Le texte doit compter au plus %(count)s de caractères",
         "Le texte doit compter au plus %(count)s caractères"),
        ("El texto debe tener como máximo %(count)s carácter",
         "El texto debe tener como máximo %(count)s de caracteres",
         "El texto debe tener como máximo %(count)s caracteres"),
        ("يجب ألا يزيد النص على %(count)s محرف", "يجب ألا يزيد النص على محرف واحد", "يجب ألا يزيد النص على محرفين",
         "يجب ألا يزيد النص على %(count)s محارف", "يجب ألا يزيد النص على %(count)s محرفًا",
         "يجب ألا يزيد النص على %(count)s محرف"),
        ("Строка должна содержать не более %(count)s символа", "Строка должна содержать не более %(count)s символов",
         "Строка должна содержать не более %(count)s символов"),
        ("字符串应最多有 %(count)s 个字符",)),
    ("%(field_type)s should have at least %(count)s item after validation, not %(actual_length)s",
     "%(field_type)s should have at least %(count)s items after validation, not %(actual_length)s"): (
        ("%(field_type)s : au moins %(count)s élément attendu après validation, et non %(actual_length)s",
         "%(field_type)s : au moins %(count)s d'éléments attendus après validation, et non %(actual_length)s",
         "%(field_type)s : au moins %(count)s éléments attendus après validation, et non %(actual_length)s"),
        ("%(field_type)s: se esperaba al menos %(count)s elemento tras la validación, no %(actual_length)s",
         "%(field_type)s: se esperaban al menos %(count)s de elementos tras la validación, no %(actual_length)s",
         "%(field_type)s: se esperaban al menos %(count)s elementos tras la validación, no %(actual_length)s"),
        ("%(field_type)s: يجب أن تحتوي بعد التحقق على %(count)s عنصر على الأقل، لا على %(actual_length)s",
         "%(field_type)s: يجب أن تحتوي بعد التحقق على عنصر واحد على الأقل، لا على %(actual_length)s",
         "%(field_type)s: يجب أن تحتوي بعد التحقق على عنصرين على الأقل، لا على %(actual_length)s",
         "%(field_type)s: يجب أن تحتوي بعد التحقق على %(count)s عناصر على الأقل، لا على %(actual_length)s",
         "%(field_type)s: يجب أن تحتوي بعد التحقق على %(count)s عنصرًا على الأقل، لا على %(actual_length)s",
         "%(field_type)s: يجب أن تحتوي بعد التحقق على %(count)s عنصر على الأقل، لا على %(actual_length)s"),
        ("%(field_type)s: после проверки должно быть не менее %(count)s элемента, а не %(actual_length)s",
         "%(field_type)s: после проверки должно быть не менее %(count)s элементов, а не %(actual_length)s",
         "%(field_type)s: после проверки должно быть не менее %(count)s элементов, а не %(actual_length)s"),
        ("%(field_type)s 在验证后应至少有 %(count)s 项，而不是 %(actual_length)s 项",)),
    ("%(field_type)s should have at most %(count)s item after validation, not %(actual_length)s",
     "%(field_type)s should have at most %(count)s items after validation, not %(actual_length)s"): (
        ("%(field_type)s : au plus %(count)s élément attendu après validation, et non %(actual_length)s",
         "%(field_type)s : au plus %(count)s d'éléments attendus après validation, et non %(actual_length)s",
         "%(field_type)s : au plus %(count)s éléments attendus après validation, et non %(actual_length)s"),
        ("%(field_type)s: se esperaba como máximo %(count)s elemento tras la validación, no %(actual_length)s",
         "%(field_type)s: se esperaban como máximo %(count)s de elementos tras la validación, no %(actual_length)s",
         "%(field_type)s: se esperaban como máximo %(count)s elementos tras la validación, no %(actual_length)s"),
        ("%(field_type)s: يجب ألا تحتوي بعد التحقق على أكثر من %(count)s عنصر، لا %(actual_length)s",
         "%(field_type)s: يجب ألا تحتوي بعد التحقق على أكثر من عنصر واحد، لا %(actual_length)s",
         "%(field_type)s: يجب ألا تحتوي بعد التحقق على أكثر من عنصرين، لا %(actual_length)s",
         "%(field_type)s: يجب ألا تحتوي بعد التحقق على أكثر من %(count)s عناصر، لا %(actual_length)s",
         "%(field_type)s: يجب ألا تحتوي بعد التحقق على أكثر من %(count)s عنصرًا، لا %(actual_length)s",
         "%(field_type)s: يجب ألا تحتوي بعد التحقق على أكثر من %(count)s عنصر، لا %(actual_length)s"),
        ("%(field_type)s: после проверки должно быть не более %(count)s элемента, а не %(actual_length)s",
         "%(field_type)s: после проверки должно быть не более %(count)s элементов, а не %(actual_length)s",
         "%(field_type)s: после проверки должно быть не более %(count)s элементов, а не %(actual_length)s"),
        ("%(field_type)s 在验证后应最多有 %(count)s 项，而不是 %(actual_length)s 项",)),
    # one English text for every count ("1 characters" as it has always read), inflected in the other languages
    ("the description has %(count)s characters; Google Dataset Search expects %(least)s to %(most)s",
     "the description has %(count)s characters; Google Dataset Search expects %(least)s to %(most)s"): (
        ("la description compte %(count)s caractère ; Google Dataset Search en attend de %(least)s à %(most)s",
         "la description compte %(count)s de caractères ; Google Dataset Search en attend de %(least)s à %(most)s",
         "la description compte %(count)s caractères ; Google Dataset Search en attend de %(least)s à %(most)s"),
        ("la descripción tiene %(count)s carácter; Google Dataset Search espera de %(least)s a %(most)s",
         "la descripción tiene %(count)s de caracteres; Google Dataset Search espera de %(least)s a %(most)s",
         "la descripción tiene %(count)s caracteres; Google Dataset Search espera de %(least)s a %(most)s"),
        ("يتكون الوصف من %(count)s محرف؛ ويتوقع Google Dataset Search من %(least)s إلى %(most)s",
         "يتكون الوصف من محرف واحد؛ ويتوقع Google Dataset Search من %(least)s إلى %(most)s",
         "يتكون الوصف من محرفين؛ ويتوقع Google Dataset Search من %(least)s إلى %(most)s",
         "يتكون الوصف من %(count)s محارف؛ ويتوقع Google Dataset Search من %(least)s إلى %(most)s",
         "يتكون الوصف من %(count)s محرفًا؛ ويتوقع Google Dataset Search من %(least)s إلى %(most)s",
         "يتكون الوصف من %(count)s محرف؛ ويتوقع Google Dataset Search من %(least)s إلى %(most)s"),
        ("в описании %(count)s символ; Google Dataset Search ожидает от %(least)s до %(most)s",
         "в описании %(count)s символа; Google Dataset Search ожидает от %(least)s до %(most)s",
         "в описании %(count)s символов; Google Dataset Search ожидает от %(least)s до %(most)s"),
        ("描述有 %(count)s 个字符；Google Dataset Search 期望 %(least)s 到 %(most)s 个",)),
    # -- the editor's refusals ------------------------------------------------------------------------------------
    ("line 1: column %(columns)s is not id, parent or a name in one of the catalogue's languages (%(languages)s)",
     "line 1: columns %(columns)s are not id, parent or a name in one of the catalogue's languages (%(languages)s)"): (
        ("ligne 1 : la colonne %(columns)s n'est ni id, ni parent, ni un nom dans une langue du catalogue (%(languages)s)",
         'ligne 1 : les colonnes %(columns)s ne sont ni id, ni parent, ni un nom dans une langue du catalogue (%(languages)s)',
         'ligne 1 : les colonnes %(columns)s ne sont ni id, ni parent, ni un nom dans une langue du catalogue (%(languages)s)'),
        ('línea 1: la columna %(columns)s no es id, parent ni un nombre en una lengua del catálogo (%(languages)s)',
         'línea 1: las columnas %(columns)s no son id, parent ni un nombre en una lengua del catálogo (%(languages)s)',
         'línea 1: las columnas %(columns)s no son id, parent ni un nombre en una lengua del catálogo (%(languages)s)'),
        ('السطر 1: الأعمدة %(columns)s ليست id ولا parent ولا اسمًا بإحدى لغات الفهرس (%(languages)s)',
         'السطر 1: العمود %(columns)s ليست id ولا parent ولا اسمًا بإحدى لغات الفهرس (%(languages)s)',
         'السطر 1: العمودان %(columns)s ليست id ولا parent ولا اسمًا بإحدى لغات الفهرس (%(languages)s)',
         'السطر 1: الأعمدة %(columns)s ليست id ولا parent ولا اسمًا بإحدى لغات الفهرس (%(languages)s)',
         'السطر 1: الأعمدة %(columns)s ليست id ولا parent ولا اسمًا بإحدى لغات الفهرس (%(languages)s)',
         'السطر 1: الأعمدة %(columns)s ليست id ولا parent ولا اسمًا بإحدى لغات الفهرس (%(languages)s)'),
        ('строка 1: столбец %(columns)s не является id, parent или названием на одном из языков каталога (%(languages)s)',
         'строка 1: столбцы %(columns)s не являются id, parent или названием на одном из языков каталога (%(languages)s)',
         'строка 1: столбцы %(columns)s не являются id, parent или названием на одном из языков каталога (%(languages)s)'),
        ('第 1 行：列 %(columns)s 既不是 id、parent，也不是目录某种语言的名称（%(languages)s）',)),
    ('%(field)s is beyond the end of the list (%(count)s item)',
     '%(field)s is beyond the end of the list (%(count)s items)'): (
        ('%(field)s est au-delà de la fin de la liste (%(count)s élément)',
         "%(field)s est au-delà de la fin de la liste (%(count)s d'éléments)",
         '%(field)s est au-delà de la fin de la liste (%(count)s éléments)'),
        ('%(field)s está más allá del final de la lista (%(count)s elemento)',
         '%(field)s está más allá del final de la lista (%(count)s de elementos)',
         '%(field)s está más allá del final de la lista (%(count)s elementos)'),
        ('%(field)s بعد نهاية القائمة (لا عناصر: %(count)s)',
         '%(field)s بعد نهاية القائمة (عنصر واحد: %(count)s)',
         '%(field)s بعد نهاية القائمة (عنصران: %(count)s)',
         '%(field)s بعد نهاية القائمة (%(count)s عناصر)',
         '%(field)s بعد نهاية القائمة (%(count)s عنصرًا)',
         '%(field)s بعد نهاية القائمة (%(count)s عنصر)'),
        ('%(field)s за концом списка (%(count)s элемент)',
         '%(field)s за концом списка (%(count)s элемента)',
         '%(field)s за концом списка (%(count)s элементов)'),
        ('%(field)s 超出了列表末尾（共 %(count)s 项）',)),
    ('its data files have %(count)s error, %(problem)s: fix it before it is published',
     'its data files have %(count)s errors, e.g. %(problem)s: fix them before it is published'): (
        ('ses fichiers de données ont %(count)s erreur, %(problem)s : corrigez-la avant la publication',
         "ses fichiers de données ont %(count)s d'erreurs, par exemple %(problem)s : corrigez-les avant la publication",
         'ses fichiers de données ont %(count)s erreurs, par exemple %(problem)s : corrigez-les avant la publication'),
        ('sus archivos de datos tienen %(count)s error, %(problem)s: corríjalo antes de publicar',
         'sus archivos de datos tienen %(count)s de errores, p. ej. %(problem)s: corríjalos antes de publicar',
         'sus archivos de datos tienen %(count)s errores, p. ej. %(problem)s: corríjalos antes de publicar'),
        ('في ملفات البيانات %(count)s خطأ، مثل %(problem)s: صحّحها قبل النشر',
         'في ملفات البيانات خطأ واحد (%(count)s)، %(problem)s: صحّحه قبل النشر',
         'في ملفات البيانات خطآن (%(count)s)، مثل %(problem)s: صحّحهما قبل النشر',
         'في ملفات البيانات %(count)s أخطاء، مثل %(problem)s: صحّحها قبل النشر',
         'في ملفات البيانات %(count)s خطأً، مثل %(problem)s: صحّحها قبل النشر',
         'في ملفات البيانات %(count)s خطأ، مثل %(problem)s: صحّحها قبل النشر'),
        ('в файлах данных %(count)s ошибка, например %(problem)s: исправьте ошибки перед публикацией',
         'в файлах данных %(count)s ошибки, например %(problem)s: исправьте их перед публикацией',
         'в файлах данных %(count)s ошибок, например %(problem)s: исправьте их перед публикацией'),
        ('其数据文件有 %(count)s 个错误，例如 %(problem)s：请在发布前修正',)),
    ('publishing it would make %(count)s other record invalid (a record of another agency)',
     'publishing it would make %(count)s other records invalid (records of other agencies)'): (
        ("la publier rendrait %(count)s autre fiche invalide (une fiche d'un autre organisme)",
         "la publier rendrait %(count)s d'autres fiches invalides (des fiches d'autres organismes)",
         "la publier rendrait %(count)s autres fiches invalides (des fiches d'autres organismes)"),
        ('publicarlo invalidaría %(count)s registro más (un registro de otro organismo)',
         'publicarlo invalidaría %(count)s de registros más (registros de otros organismos)',
         'publicarlo invalidaría %(count)s registros más (registros de otros organismos)'),
        ('لن يُبطل نشره أي سجل آخر (%(count)s)',
         'سيُبطل نشره سجلًا آخر (%(count)s) تابعًا لجهة أخرى',
         'سيُبطل نشره سجلين آخرين (%(count)s) تابعين لجهات أخرى',
         'سيُبطل نشره %(count)s سجلات أخرى تابعة لجهات أخرى',
         'سيُبطل نشره %(count)s سجلًا آخر تابعًا لجهات أخرى',
         'سيُبطل نشره %(count)s سجل آخر تابع لجهات أخرى'),
        ('её публикация сделает недействительной %(count)s другую запись (запись другой организации)',
         'её публикация сделает недействительными %(count)s другие записи (записи других организаций)',
         'её публикация сделает недействительными %(count)s других записей (записи других организаций)'),
        ('发布它会使 %(count)s 条其他记录无效（其他机构的记录）',)),
    ('publishing it would make %(count)s other record invalid: %(shown)s',
     'publishing it would make %(count)s other records invalid: %(shown)s'): (
        ('la publier rendrait %(count)s autre fiche invalide : %(shown)s',
         "la publier rendrait %(count)s d'autres fiches invalides : %(shown)s",
         'la publier rendrait %(count)s autres fiches invalides : %(shown)s'),
        ('publicarlo invalidaría %(count)s registro más: %(shown)s',
         'publicarlo invalidaría %(count)s de registros más: %(shown)s',
         'publicarlo invalidaría %(count)s registros más: %(shown)s'),
        ('لن يُبطل نشره أي سجل آخر (%(count)s): %(shown)s',
         'سيُبطل نشره سجلًا آخر (%(count)s): %(shown)s',
         'سيُبطل نشره سجلين آخرين (%(count)s): %(shown)s',
         'سيُبطل نشره %(count)s سجلات أخرى: %(shown)s',
         'سيُبطل نشره %(count)s سجلًا آخر: %(shown)s',
         'سيُبطل نشره %(count)s سجل آخر: %(shown)s'),
        ('её публикация сделает недействительной %(count)s другую запись: %(shown)s',
         'её публикация сделает недействительными %(count)s другие записи: %(shown)s',
         'её публикация сделает недействительными %(count)s других записей: %(shown)s'),
        ('发布它会使 %(count)s 条其他记录无效：%(shown)s',)),
    ('the catalogue page has %(count)s page, not %(number)s',
     'the catalogue page has %(count)s pages, not %(number)s'): (
        ('la page du catalogue a %(count)s page, pas %(number)s',
         'la page du catalogue a %(count)s de pages, pas %(number)s',
         'la page du catalogue a %(count)s pages, pas %(number)s'),
        ('la página del catálogo tiene %(count)s página, no %(number)s',
         'la página del catálogo tiene %(count)s de páginas, no %(number)s',
         'la página del catálogo tiene %(count)s páginas, no %(number)s'),
        ('لا صفحات لصفحة الفهرس (%(count)s)، لا %(number)s',
         'لصفحة الفهرس صفحة واحدة (%(count)s)، لا %(number)s',
         'لصفحة الفهرس صفحتان (%(count)s)، لا %(number)s',
         'لصفحة الفهرس %(count)s صفحات، لا %(number)s',
         'لصفحة الفهرس %(count)s صفحةً، لا %(number)s',
         'لصفحة الفهرس %(count)s صفحة، لا %(number)s'),
        ('у страницы каталога %(count)s страница, а не %(number)s',
         'у страницы каталога %(count)s страницы, а не %(number)s',
         'у страницы каталога %(count)s страниц, а не %(number)s'),
        ('目录页共有 %(count)s 页，没有第 %(number)s 页',)),
    ('the record has %(count)s error: fix it before it is %(moved)s',
     'the record has %(count)s errors: fix them before it is %(moved)s'): (
        ("la fiche a %(count)s erreur : corrigez-la avant l'étape « %(moved)s »",
         "la fiche a %(count)s d'erreurs : corrigez-les avant l'étape « %(moved)s »",
         "la fiche a %(count)s erreurs : corrigez-les avant l'étape « %(moved)s »"),
        ('el registro tiene %(count)s error: corríjalo antes de la etapa «%(moved)s»',
         'el registro tiene %(count)s de errores: corríjalos antes de la etapa «%(moved)s»',
         'el registro tiene %(count)s errores: corríjalos antes de la etapa «%(moved)s»'),
        ("في السجل %(count)s خطأ: صحّحها قبل '%(moved)s'",
         "في السجل خطأ واحد (%(count)s): صحّحه قبل '%(moved)s'",
         "في السجل خطآن (%(count)s): صحّحهما قبل '%(moved)s'",
         "في السجل %(count)s أخطاء: صحّحها قبل '%(moved)s'",
         "في السجل %(count)s خطأً: صحّحها قبل '%(moved)s'",
         "في السجل %(count)s خطأ: صحّحها قبل '%(moved)s'"),
        ('в записи %(count)s ошибка: исправьте её до этапа «%(moved)s»',
         'в записи %(count)s ошибки: исправьте их до этапа «%(moved)s»',
         'в записи %(count)s ошибок: исправьте их до этапа «%(moved)s»'),
        ('记录有 %(count)s 个错误：请在“%(moved)s”之前修正',)),
    ('the record has %(count)s error: fix it to see its public page',
     'the record has %(count)s errors: fix them to see its public page'): (
        ('la fiche a %(count)s erreur : corrigez-la pour voir sa page publique',
         "la fiche a %(count)s d'erreurs : corrigez-les pour voir sa page publique",
         'la fiche a %(count)s erreurs : corrigez-les pour voir sa page publique'),
        ('el registro tiene %(count)s error: corríjalo para ver su página pública',
         'el registro tiene %(count)s de errores: corríjalos para ver su página pública',
         'el registro tiene %(count)s errores: corríjalos para ver su página pública'),
        ('في السجل %(count)s خطأ: صحّحها لرؤية صفحته العامة',
         'في السجل خطأ واحد (%(count)s): صحّحه لرؤية صفحته العامة',
         'في السجل خطآن (%(count)s): صحّحهما لرؤية صفحته العامة',
         'في السجل %(count)s أخطاء: صحّحها لرؤية صفحته العامة',
         'في السجل %(count)s خطأً: صحّحها لرؤية صفحته العامة',
         'في السجل %(count)s خطأ: صحّحها لرؤية صفحته العامة'),
        ('в записи %(count)s ошибка: исправьте её, чтобы увидеть публичную страницу',
         'в записи %(count)s ошибки: исправьте их, чтобы увидеть публичную страницу',
         'в записи %(count)s ошибок: исправьте их, чтобы увидеть публичную страницу'),
        ('记录有 %(count)s 个错误：修正后才能查看其公开页面',)),
    ("'%(attribute)s' may be given %(count)s time at most", "'%(attribute)s' may be given %(count)s times at most"): (
        ("'%(attribute)s' peut être donné %(count)s fois au plus", "'%(attribute)s' peut être donné %(count)s de fois "
         "au plus", "'%(attribute)s' peut être donné %(count)s fois au plus"),
        ("'%(attribute)s' puede darse %(count)s vez como máximo", "'%(attribute)s' puede darse %(count)s de veces como "
         "máximo", "'%(attribute)s' puede darse %(count)s veces como máximo"),
        ("يجوز إعطاء '%(attribute)s' %(count)s مرة على الأكثر", "يجوز إعطاء '%(attribute)s' %(count)s مرة على الأكثر",
         "يجوز إعطاء '%(attribute)s' %(count)s مرة على الأكثر", "يجوز إعطاء '%(attribute)s' %(count)s مرات على الأكثر",
         "يجوز إعطاء '%(attribute)s' %(count)s مرة على الأكثر", "يجوز إعطاء '%(attribute)s' %(count)s مرة على الأكثر"),
        ("'%(attribute)s' можно указать не более %(count)s раза", "'%(attribute)s' можно указать не более %(count)s раз",
         "'%(attribute)s' можно указать не более %(count)s раз"),
        ("'%(attribute)s' 最多可给出 %(count)s 次",)),
    ("'%(attribute)s' is to be given at least %(count)s time (given: %(given)s)",
     "'%(attribute)s' is to be given at least %(count)s times (given: %(given)s)"): (
        ("'%(attribute)s' doit être donné au moins %(count)s fois (donné : %(given)s)",
         "'%(attribute)s' doit être donné au moins %(count)s de fois (donné : %(given)s)",
         "'%(attribute)s' doit être donné au moins %(count)s fois (donné : %(given)s)"),
        ("'%(attribute)s' debe darse al menos %(count)s vez (dado: %(given)s)",
         "'%(attribute)s' debe darse al menos %(count)s de veces (dado: %(given)s)",
         "'%(attribute)s' debe darse al menos %(count)s veces (dado: %(given)s)"),
        ("يجب إعطاء '%(attribute)s' %(count)s مرة على الأقل (المعطى: %(given)s)",
         "يجب إعطاء '%(attribute)s' %(count)s مرة على الأقل (المعطى: %(given)s)",
         "يجب إعطاء '%(attribute)s' %(count)s مرة على الأقل (المعطى: %(given)s)",
         "يجب إعطاء '%(attribute)s' %(count)s مرات على الأقل (المعطى: %(given)s)",
         "يجب إعطاء '%(attribute)s' %(count)s مرة على الأقل (المعطى: %(given)s)",
         "يجب إعطاء '%(attribute)s' %(count)s مرة على الأقل (المعطى: %(given)s)"),
        ("'%(attribute)s' нужно указать не менее %(count)s раза (указано: %(given)s)",
         "'%(attribute)s' нужно указать не менее %(count)s раз (указано: %(given)s)",
         "'%(attribute)s' нужно указать не менее %(count)s раз (указано: %(given)s)"),
        ("'%(attribute)s' 至少须给出 %(count)s 次（已给出：%(given)s）",)),
}
"""The check messages with plural forms (``Message.counted``), in the format of ``translations.PLURALS``."""
