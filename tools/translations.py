"""The interface translations shipped with the package, as one table; writes ``catalogue/locale/<lang>.po``.

Run ``python tools/translations.py`` after editing the table. Translators who prefer ``.po`` tools
can edit the ``.po`` files directly (and an office can override any string in its ``i18n/`` folder).
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

LANGUAGES = ("fr", "es", "ar", "ru", "zh")
FIXED_DATE = datetime(2026, 11, 30, tzinfo=timezone.utc)
"""The files carry this date, not the time they were written: regenerating changes only what changed."""
TABLE: dict[str, tuple[str, str, str, str, str]] = {
    # interface (templates)
    "Catalogue": ("Catalogue", "Catálogo", "الفهرس", "Каталог", "目录"),
    "Datasets": ("Jeux de données", "Conjuntos de datos", "مجموعات البيانات", "Наборы данных", "数据集"),
    "Dataset": ("Jeu de données", "Conjunto de datos", "مجموعة بيانات", "Набор данных", "数据集"),
    "Filter the datasets": ("Filtrer les jeux de données", "Filtrar los conjuntos de datos", "تصفية مجموعات البيانات",
                            "Фильтр наборов данных", "筛选数据集"),
    "Type a word of a title, a keyword or a theme.": (
        "Tapez un mot d'un titre, un mot-clé ou un thème.", "Escriba una palabra de un título, una palabra clave o un tema.",
        "اكتب كلمة من عنوان أو كلمة مفتاحية أو موضوعًا.", "Введите слово из названия, ключевое слово или тему.",
        "输入标题中的词、关键词或主题。"),
    "Pages of the dataset list": ("Pages de la liste des jeux de données", "Páginas de la lista de conjuntos de datos",
                                  "صفحات قائمة مجموعات البيانات", "Страницы списка наборов данных", "数据集列表的页面"),
    "Page %(number)s of %(count)s": ("Page %(number)s sur %(count)s", "Página %(number)s de %(count)s",
                                     "الصفحة %(number)s من %(count)s", "Страница %(number)s из %(count)s",
                                     "第 %(number)s 页，共 %(count)s 页"),
    "Dataset list (JSON)": ("Liste des jeux de données (JSON)", "Lista de conjuntos de datos (JSON)",
                            "قائمة مجموعات البيانات (JSON)", "Список наборов данных (JSON)", "数据集列表（JSON）"),
    "More matches: refine the words.": ("D'autres jeux de données correspondent : précisez les mots.",
                                        "Hay más coincidencias: precise las palabras.",
                                        "توجد نتائج أخرى: حدّد الكلمات بدقة أكبر.",
                                        "Есть и другие совпадения: уточните слова.", "还有更多匹配项：请细化关键词。"),
    # the editor
    "Metadata editor": ("Éditeur de métadonnées", "Editor de metadatos", "محرر البيانات الوصفية", "Редактор метаданных",
                        "元数据编辑器"),
    "Sign in": ("Se connecter", "Iniciar sesión", "تسجيل الدخول", "Войти", "登录"),
    "Password": ("Mot de passe", "Contraseña", "كلمة المرور", "Пароль", "密码"),
    "Wrong name or password.": ("Nom ou mot de passe incorrect.", "Nombre o contraseña incorrectos.",
                                "الاسم أو كلمة المرور غير صحيحة.", "Неверное имя или пароль.", "名称或密码错误。"),
    "Too many failed sign-ins: try again in 15 minutes.": (
        "Trop d'échecs de connexion : réessayez dans 15 minutes.",
        "Demasiados intentos fallidos: vuelva a intentarlo dentro de 15 minutos.",
        "محاولات تسجيل دخول فاشلة كثيرة: حاول مرة أخرى بعد 15 دقيقة.",
        "Слишком много неудачных попыток входа: повторите через 15 минут.", "登录失败次数过多：请在 15 分钟后重试。"),
    "The form has expired: reload the page and sign in again.": (
        "Le formulaire a expiré : rechargez la page et reconnectez-vous.",
        "El formulario ha caducado: recargue la página e inicie sesión de nuevo.",
        "انتهت صلاحية النموذج: أعد تحميل الصفحة وسجّل الدخول مجددًا.",
        "Срок действия формы истёк: обновите страницу и войдите снова.", "表单已过期：请刷新页面并重新登录。"),
    "Signed in as %(name)s": ("Connecté en tant que %(name)s", "Sesión iniciada como %(name)s",
                              "تم تسجيل الدخول باسم %(name)s", "Вы вошли как %(name)s", "已登录：%(name)s"),
    "Your agencies": ("Vos organismes", "Sus organismos", "جهاتك", "Ваши организации", "您的机构"),
    "Agency": ("Organisme", "Organismo", "الجهة", "Организация", "机构"),
    "Records": ("Fiches", "Registros", "السجلات", "Записи", "记录"),
    "Kind": ("Type", "Tipo", "النوع", "Вид", "类型"),
    "Identifier": ("Identifiant", "Identificador", "المعرّف", "Идентификатор", "标识符"),
    "Status": ("Statut", "Estado", "الحالة", "Статус", "状态"),
    "Revision": ("Révision", "Revisión", "المراجعة", "Редакция", "修订"),
    "Sign out": ("Se déconnecter", "Cerrar sesión", "تسجيل الخروج", "Выйти", "退出"),
    "Sign out everywhere": ("Se déconnecter partout", "Cerrar sesión en todas partes", "تسجيل الخروج من كل مكان",
                            "Выйти на всех устройствах", "在所有设备上退出"),
    "You are not a member of any agency yet: ask an administrator.": (
        "Vous n'êtes encore membre d'aucun organisme : demandez à un administrateur.",
        "Todavía no es miembro de ningún organismo: pídaselo a un administrador.",
        "لست عضوًا في أي جهة بعد: اطلب ذلك من أحد المسؤولين.",
        "Вы ещё не состоите ни в одной организации: обратитесь к администратору.", "您尚未加入任何机构：请联系管理员。"),
    "viewer": ("lecteur", "lector", "مطّلع", "читатель", "查看者"),
    "editor": ("rédacteur", "editor", "محرّر", "редактор", "编辑"),
    "reviewer": ("relecteur", "revisor", "مراجع", "рецензент", "审核人"),
    "publisher": ("éditeur responsable", "publicador", "ناشر", "публикатор", "发布人"),
    "admin": ("administrateur", "administrador", "مسؤول", "администратор", "管理员"),
    "draft": ("brouillon", "borrador", "مسودة", "черновик", "草稿"),
    "published": ("publié", "publicado", "منشور", "опубликовано", "已发布"),
    "No dataset matches.": ("Aucun jeu de données ne correspond.", "Ningún conjunto de datos coincide.",
                            "لا توجد مجموعة بيانات مطابقة.", "Нет подходящих наборов данных.", "没有匹配的数据集。"),
    "Publisher": ("Éditeur", "Editor", "الناشر", "Издатель", "发布者"),
    "Themes": ("Thèmes", "Temas", "المواضيع", "Темы", "主题"),
    "Keywords": ("Mots-clés", "Palabras clave", "الكلمات المفتاحية", "Ключевые слова", "关键词"),
    "Period covered": ("Période couverte", "Período cubierto", "الفترة المشمولة", "Охватываемый период", "涵盖时期"),
    "Area covered": ("Zone couverte", "Área cubierta", "المنطقة المشمولة", "Охватываемая территория", "涵盖地区"),
    "Released": ("Diffusé le", "Publicado", "تاريخ النشر", "Опубликовано", "发布日期"),
    "Last modified": ("Dernière modification", "Última modificación", "آخر تعديل", "Последнее изменение", "最后修改"),
    "Version": ("Version", "Versión", "الإصدار", "Версия", "版本"),
    "Frequency": ("Fréquence", "Frecuencia", "الدورية", "Периодичность", "频率"),
    "Variables": ("Variables", "Variables", "المتغيرات", "Переменные", "变量"),
    "Name": ("Nom", "Nombre", "الاسم", "Имя", "名称"),
    "Label": ("Libellé", "Etiqueta", "التسمية", "Метка", "标签"),
    "Role": ("Rôle", "Función", "الدور", "Роль", "角色"),
    "Type": ("Type", "Tipo", "النوع", "Тип", "类型"),
    "Unit": ("Unité", "Unidad", "الوحدة", "Единица", "单位"),
    "Codes": ("Codes", "Códigos", "الرموز", "Коды", "代码"),
    "codes": ("codes", "códigos", "رموز", "кодов", "个代码"),
    "Licence": ("Licence", "Licencia", "الترخيص", "Лицензия", "许可"),
    "Terms of use": ("Conditions d'utilisation", "Condiciones de uso", "شروط الاستخدام", "Условия использования",
                     "使用条款"),
    "Access": ("Accès", "Acceso", "الوصول", "Доступ", "访问"),
    "Access level": ("Niveau d'accès", "Nivel de acceso", "مستوى الوصول", "Уровень доступа", "访问级别"),
    "Access type": ("Type d'accès", "Tipo de acceso", "نوع الوصول", "Тип доступа", "访问类型"),
    "Conditions": ("Conditions", "Condiciones", "الشروط", "Условия", "条件"),
    "How to apply": ("Comment demander l'accès", "Cómo solicitar el acceso", "كيفية تقديم الطلب", "Как подать заявку",
                     "如何申请"),
    "How to cite": ("Comment citer", "Cómo citar", "كيفية الاستشهاد", "Как цитировать", "如何引用"),
    "Confidentiality": ("Confidentialité", "Confidencialidad", "السرية", "Конфиденциальность", "保密"),
    "Disclaimer": ("Avertissement", "Descargo de responsabilidad", "إخلاء المسؤولية", "Оговорка", "免责声明"),
    "Contact": ("Contact", "Contacto", "جهة الاتصال", "Контакт", "联系方式"),
    "Distributions": ("Distributions", "Distribuciones", "التوزيعات", "Дистрибутивы", "分发"),
    "Format": ("Format", "Formato", "الصيغة", "Формат", "格式"),
    "Download": ("Télécharger", "Descargar", "تنزيل", "Скачать", "下载"),
    "Open": ("Ouvrir", "Abrir", "فتح", "Открыть", "打开"),
    "Machine-readable metadata": ("Métadonnées lisibles par machine", "Metadatos legibles por máquina",
                                  "بيانات وصفية مقروءة آليًا", "Машиночитаемые метаданные", "机器可读元数据"),
    "Quality": ("Qualité", "Calidad", "الجودة", "Качество", "质量"),
    "Provenance": ("Provenance", "Procedencia", "المصدر", "Происхождение", "来源"),
    "Related datasets": ("Jeux de données liés", "Conjuntos de datos relacionados", "مجموعات بيانات ذات صلة",
                         "Связанные наборы данных", "相关数据集"),
    "Languages": ("Langues", "Idiomas", "اللغات", "Языки", "语言"),
    "Skip to the content": ("Aller au contenu", "Ir al contenido", "الانتقال إلى المحتوى", "Перейти к содержанию",
                            "跳到内容"),
    "Missing values": ("Valeurs manquantes", "Valores faltantes", "القيم المفقودة", "Пропущенные значения", "缺失值"),
    "The data are not published here; see how to apply below.": (
        "Les données ne sont pas publiées ici ; voir ci-dessous comment demander l'accès.",
        "Los datos no se publican aquí; vea abajo cómo solicitar el acceso.",
        "البيانات غير منشورة هنا؛ انظر أدناه كيفية تقديم الطلب.",
        "Данные здесь не публикуются; ниже указано, как подать заявку.",
        "数据未在此发布；申请方式见下文。"),
    ", ": (", ", ", ", "، ", ", ", "、"),
    "Study": ("Étude", "Estudio", "الدراسة", "Исследование", "研究"),
    "Kind of data": ("Type de données", "Tipo de datos", "نوع البيانات", "Вид данных", "数据类型"),
    "Unit of analysis": ("Unité d'analyse", "Unidad de análisis", "وحدة التحليل", "Единица анализа", "分析单位"),
    "Universe": ("Univers", "Universo", "المجتمع المستهدف", "Генеральная совокупность", "总体"),
    "Sampling": ("Échantillonnage", "Muestreo", "المعاينة", "Выборка", "抽样"),
    "Data collection": ("Collecte des données", "Recolección de datos", "جمع البيانات", "Сбор данных", "数据收集"),
    "Response rate": ("Taux de réponse", "Tasa de respuesta", "معدل الاستجابة", "Уровень ответов", "应答率"),
    "Weight": ("Pondération", "Ponderación", "الترجيح", "Вес", "权重"),
    "Question": ("Question", "Pregunta", "السؤال", "Вопрос", "问题"),
    "DDI-Codebook 2.5": ("DDI-Codebook 2.5", "DDI-Codebook 2.5", "DDI-Codebook 2.5", "DDI-Codebook 2.5",
                         "DDI-Codebook 2.5"),
    "Release calendar": ("Calendrier de diffusion", "Calendario de publicaciones", "جدول مواعيد النشر",
                         "Календарь публикаций", "发布日历"),
    "Release calendar (iCalendar)": ("Calendrier de diffusion (iCalendar)", "Calendario de publicaciones (iCalendar)",
                                     "جدول مواعيد النشر (iCalendar)", "Календарь публикаций (iCalendar)",
                                     "发布日历（iCalendar）"),
    "Release calendar (Atom)": ("Calendrier de diffusion (Atom)", "Calendario de publicaciones (Atom)",
                                "جدول مواعيد النشر (Atom)", "Календарь публикаций (Atom)", "发布日历（Atom）"),
    "Releases announced in advance: planned dates, status and every change of date.": (
        "Diffusions annoncées à l'avance : dates prévues, statut et chaque changement de date.",
        "Publicaciones anunciadas con antelación: fechas previstas, estado y cada cambio de fecha.",
        "الإصدارات المُعلن عنها مسبقًا: المواعيد المقررة والحالة وكل تغيير في الموعد.",
        "Публикации, объявленные заранее: плановые даты, статус и каждое изменение даты.",
        "提前公布的发布：计划日期、状态及每次日期变更。"),
    "Upcoming releases": ("Prochaines diffusions", "Próximas publicaciones", "الإصدارات القادمة",
                          "Предстоящие публикации", "即将发布"),
    "Past releases": ("Diffusions passées", "Publicaciones anteriores", "الإصدارات السابقة", "Прошедшие публикации",
                      "已发布"),
    "Cancelled releases": ("Diffusions annulées", "Publicaciones canceladas", "الإصدارات الملغاة",
                           "Отменённые публикации", "已取消的发布"),
    "No release is announced.": ("Aucune diffusion n'est annoncée.", "No se ha anunciado ninguna publicación.",
                                 "لم يُعلن عن أي إصدار.", "Публикации не объявлены.", "暂无已宣布的发布。"),
    "Series": ("Série", "Serie", "السلسلة", "Серия", "系列"),
    "Previously planned": ("Prévu auparavant", "Previsto anteriormente", "كان مقررًا سابقًا", "Ранее планировалось",
                           "原定"),
    "Reason": ("Motif", "Motivo", "السبب", "Причина", "原因"),
    "Scheduled": ("Programmée", "Programada", "مجدول", "Запланировано", "已排期"),
    "Confirmed": ("Confirmée", "Confirmada", "مؤكد", "Подтверждено", "已确认"),
    "Postponed": ("Reportée", "Aplazada", "مؤجل", "Перенесено", "已推迟"),
    "Cancelled": ("Annulée", "Cancelada", "ملغى", "Отменено", "已取消"),
    "Published": ("Publiée", "Publicada", "منشور", "Опубликовано", "已发布"),
    "SDMX-ML 2.1 structures": ("Structures SDMX-ML 2.1", "Estructuras SDMX-ML 2.1", "هياكل SDMX-ML 2.1",
                               "Структуры SDMX-ML 2.1", "SDMX-ML 2.1 结构"),
    "SDMX-ML 3.0 structures": ("Structures SDMX-ML 3.0", "Estructuras SDMX-ML 3.0", "هياكل SDMX-ML 3.0",
                               "Структуры SDMX-ML 3.0", "SDMX-ML 3.0 结构"),
    # variable roles
    "dimension": ("dimension", "dimensión", "بُعد", "измерение", "维度"),
    "time dimension": ("dimension temporelle", "dimensión temporal", "البُعد الزمني", "временное измерение", "时间维度"),
    "measure": ("mesure", "medida", "مقياس", "показатель", "度量"),
    "attribute": ("attribut", "atributo", "سمة", "атрибут", "属性"),
    "identifier": ("identifiant", "identificador", "معرِّف", "идентификатор", "标识符"),
    "other": ("autre", "otro", "أخرى", "другое", "其他"),
    # controlled values without a label in the language in mappings/ (frequencies, access, formats)
    "Daily": ("Quotidienne", "Diaria", "يومية", "Ежедневно", "每日"),
    "Weekly": ("Hebdomadaire", "Semanal", "أسبوعية", "Еженедельно", "每周"),
    "Monthly": ("Mensuelle", "Mensual", "شهرية", "Ежемесячно", "每月"),
    "Quarterly": ("Trimestrielle", "Trimestral", "ربع سنوية", "Ежеквартально", "每季度"),
    "Semi-annual": ("Semestrielle", "Semestral", "نصف سنوية", "Раз в полгода", "每半年"),
    "Annual": ("Annuelle", "Anual", "سنوية", "Ежегодно", "每年"),
    "Biennial": ("Bisannuelle", "Bienal", "كل سنتين", "Раз в два года", "每两年"),
    "Triennial": ("Triennale", "Trienal", "كل ثلاث سنوات", "Раз в три года", "每三年"),
    "Every five years": ("Tous les cinq ans", "Cada cinco años", "كل خمس سنوات", "Раз в пять лет", "每五年"),
    "Every ten years": ("Tous les dix ans", "Cada diez años", "كل عشر سنوات", "Раз в десять лет", "每十年"),
    "Irregular": ("Irrégulière", "Irregular", "غير منتظمة", "Нерегулярно", "不定期"),
    "Public": ("Public", "Público", "عام", "Открытый", "公开"),
    "Restricted": ("Restreint", "Restringido", "مقيّد", "Ограниченный", "受限"),
    "Non-public": ("Non public", "No público", "غير عام", "Закрытый", "非公开"),
    "Open access": ("Accès libre", "Acceso abierto", "وصول مفتوح", "Открытый доступ", "开放获取"),
    "Direct access": ("Accès direct", "Acceso directo", "وصول مباشر", "Прямой доступ", "直接访问"),
    "Public use file": ("Fichier à usage public", "Archivo de uso público", "ملف للاستخدام العام",
                        "Файл общего пользования", "公用文件"),
    "Licensed file": ("Fichier sous licence", "Archivo bajo licencia", "ملف مرخَّص", "Лицензируемый файл", "许可文件"),
    "Data enclave (research data centre)": (
        "Enclave de données (centre de données de recherche)", "Enclave de datos (centro de datos de investigación)",
        "مركز بيانات مؤمَّن (مركز بيانات البحوث)", "Защищённая среда (центр исследовательских данных)",
        "数据飞地（研究数据中心）"),
    "Remote access": ("Accès à distance", "Acceso remoto", "وصول عن بُعد", "Удалённый доступ", "远程访问"),
    "Not available": ("Non disponible", "No disponible", "غير متاح", "Недоступно", "不可用"),
    "Excel XLSX": ("Excel XLSX", "Excel XLSX", "إكسل XLSX", "Excel XLSX", "Excel XLSX"),
    "OpenDocument Spreadsheet": ("Classeur OpenDocument", "Hoja de cálculo OpenDocument", "جدول بيانات OpenDocument",
                                 "Электронная таблица OpenDocument", "OpenDocument 电子表格"),
    "ZIP archive": ("Archive ZIP", "Archivo ZIP", "أرشيف ZIP", "Архив ZIP", "ZIP 压缩包"),
}


def main() -> None:
    folder = Path(__file__).resolve().parent.parent / "catalogue" / "locale"
    folder.mkdir(exist_ok=True)
    for index, language in enumerate(("en",) + LANGUAGES):
        catalog = Catalog(locale=language, domain="site", project="nso-catalogue", version="1", fuzzy=False,
                          creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                          header_comment=f"# Interface of nso-catalogue in '{language}'. Generated by "
                                         "tools/translations.py; edit the table there.")
        for msgid, texts in TABLE.items():
            catalog.add(msgid, msgid if language == "en" else texts[index - 1])
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=120, omit_header=False, no_location=True)
        (folder / f"{language}.po").write_bytes(buffer.getvalue())
        print(f"wrote {folder / f'{language}.po'} ({len(catalog)} messages)")


if __name__ == "__main__":
    main()
