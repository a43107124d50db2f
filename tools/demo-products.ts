/**
 * The demo shop's assortment as data: `category|en|et|pl|ru|price cents|flags|plu|image`.
 * Price is per piece, or per kg for weighed items. Flags: w = weighed (unit weight),
 * l = shown in the "Look up item" picker (then `plu` and `image`, a bundled picture under
 * renderer/pictures, follow). New products go at the END: barcodes are numbered in list order.
 * a = age limit 18, r = reduced VAT 9 % (press, books), 2 = has a second barcode.
 * Used only by tools/make-demo-catalog.ts.
 */
export const DEMO_PRODUCTS = `
fruit|Apples Golden|Õunad Golden|Jabłka Golden|Яблоки Голден|229|wl|4020|fruit/apple-golden.svg
fruit|Apples Granny Smith|Õunad Granny Smith|Jabłka Granny Smith|Яблоки Гренни Смит|249|wl|4017|fruit/apple-green.svg
fruit|Pears Conference|Pirnid Conference|Gruszki Konferencja|Груши Конференция|299|wl|4409|fruit/pear.svg
fruit|Bananas|Banaanid|Banany|Бананы|169|wl|4011|fruit/bananas.svg
fruit|Oranges|Apelsinid|Pomarańcze|Апельсины|199|wl|4012|fruit/orange.svg
fruit|Mandarins|Mandariinid|Mandarynki|Мандарины|279|wl|4450|fruit/mandarins.svg
fruit|Lemons|Sidrunid|Cytryny|Лимоны|289|wl|4053|fruit/lemon.svg
fruit|Green grapes|Rohelised viinamarjad|Winogrona zielone|Зелёный виноград|549|wl|4022|fruit/grapes.svg
fruit|Kiwi fruit|Kiivid|Kiwi|Киви|349|wl|4030|fruit/kiwi.svg
fruit|Plums|Ploomid|Śliwki|Сливы|399|wl|4040|fruit/plums.svg
fruit|Strawberries|Maasikad|Truskawki|Клубника|899|wl|4323|fruit/strawberries.svg
vegetables|Tomatoes|Tomatid|Pomidory|Помидоры|379|wl|4087|vegetables/tomatoes.svg
vegetables|Cherry tomatoes|Kirsstomatid|Pomidory koktajlowe|Помидоры черри|699|wl|4796|vegetables/cherry-tomatoes.svg
vegetables|Cucumbers|Kurgid|Ogórki|Огурцы|299|wl|4062|vegetables/cucumber.svg
vegetables|Potatoes|Kartulid|Ziemniaki|Картофель|89|wl|4072|vegetables/potatoes.svg
vegetables|New potatoes|Noorkartulid|Młode ziemniaki|Молодой картофель|199|wl|4727|vegetables/new-potatoes.svg
vegetables|Carrots|Porgandid|Marchew|Морковь|99|wl|4562|vegetables/carrots.svg
vegetables|Onions|Sibulad|Cebula|Лук репчатый|119|wl|4093|vegetables/onion.svg
vegetables|Red onions|Punased sibulad|Cebula czerwona|Красный лук|169|wl|4082|vegetables/red-onion.svg
vegetables|White cabbage|Valge peakapsas|Kapusta biała|Белокочанная капуста|79|wl|4069|vegetables/cabbage.svg
vegetables|Beetroot|Peet|Buraki|Свёкла|99|wl|4539|vegetables/beetroot.svg
vegetables|Red peppers|Punane paprika|Papryka czerwona|Красный перец|549|wl|4088|vegetables/red-pepper.svg
vegetables|Courgettes|Suvikõrvitsad|Cukinie|Кабачки|349|wl|4067|vegetables/courgette.svg
vegetables|Broccoli|Spargelkapsas|Brokuł|Брокколи|399|wl|4060|vegetables/broccoli.svg
vegetables|Cauliflower|Lillkapsas|Kalafior|Цветная капуста|329|wl|4079|vegetables/cauliflower.svg
vegetables|Button mushrooms|Šampinjonid|Pieczarki|Шампиньоны|499|wl|4645|vegetables/mushrooms.svg
vegetables|Swede|Kaalikas|Brukiew|Брюква|129|wl|4747|vegetables/swede.svg
vegetables|Garlic|Küüslauk|Czosnek|Чеснок|799|wl|4608|vegetables/garlic.svg
vegetables|Ginger root|Ingver|Imbir|Имбирь|899|wl|4612|vegetables/ginger.svg
vegetables|Iceberg lettuce|Jääsalat|Sałata lodowa|Салат айсберг|149|l|4061|vegetables/lettuce.svg
vegetables|Dill bunch|Till, kimp|Koperek, pęczek|Укроп, пучок|99|l|4891|vegetables/dill.svg
fruit|Avocado|Avokaado|Awokado|Авокадо|119|l|4046|fruit/avocado.svg
fruit|Pineapple|Ananass|Ananas|Ананас|299|l|4430|fruit/pineapple.svg
bakery|Rye bread 500 g|Rukkileib 500 g|Chleb żytni 500 g|Ржаной хлеб 500 г|189|2
bakery|Sweet-sour rye bread 750 g|Sepik-hapu leib 750 g|Chleb żytni słodko-kwaśny 750 g|Кисло-сладкий ржаной хлеб 750 г|249|
bakery|Wholegrain bread 400 g|Täisteraleib 400 g|Chleb pełnoziarnisty 400 g|Цельнозерновой хлеб 400 г|229|
bakery|White toast bread 500 g|Valge röstsai 500 g|Chleb tostowy biały 500 g|Белый тостовый хлеб 500 г|159|
bakery|Baguette|Prantsuse sai|Bagietka|Багет|119|l|83001|bakery/baguette.svg
bakery|Butter croissant|Võisarvesai|Rogalik maślany|Круассан с маслом|89|l|83002|bakery/croissant.svg
bakery|Cinnamon bun|Kaneelisai|Drożdżówka z cynamonem|Булочка с корицей|99|l|83003|bakery/cinnamon-bun.svg
bakery|Curd pastry|Kohupiimataskuke|Drożdżówka z serem|Ватрушка с творогом|109|l|83004|bakery/curd-pastry.svg
bakery|Poppy seed roll|Mooniga rull|Makowiec|Рулет с маком|449|
bakery|Sourdough loaf|Juuretisega leib|Chleb na zakwasie|Хлеб на закваске|349|
bakery|Rye crispbread 250 g|Rukkinäkileib 250 g|Pieczywo chrupkie żytnie 250 g|Ржаные хлебцы 250 г|199|
bakery|Kaiser rolls 4 pcs|Kaiseri kuklid 4 tk|Kajzerki 4 szt.|Булочки кайзер 4 шт.|149|
bakery|Doughnuts by weight|Sõõrikud kaalu järgi|Pączki na wagę|Пончики на развес|899|wl|83005|bakery/doughnuts.svg
bakery|Butter biscuits by weight|Võiküpsised kaalu järgi|Ciastka maślane na wagę|Песочное печенье на развес|1099|wl|83006|bakery/biscuits.svg
bakery|Gingerbread by weight|Piparkoogid kaalu järgi|Pierniki na wagę|Имбирные пряники на развес|1199|wl|83007|bakery/gingerbread.svg
bakery|Meat pasties by weight|Lihapirukad kaalu järgi|Paszteciki z mięsem na wagę|Пирожки с мясом на развес|1290|wl|83008|bakery/pasties.svg
dairy|Milk 2.5% 1 l|Piim 2,5% 1 l|Mleko 2,5% 1 l|Молоко 2,5% 1 л|109|2
dairy|Milk 3.5% 1 l|Piim 3,5% 1 l|Mleko 3,5% 1 l|Молоко 3,5% 1 л|129|
dairy|Lactose-free milk 1.5% 1 l|Laktoosivaba piim 1,5% 1 l|Mleko bez laktozy 1,5% 1 l|Безлактозное молоко 1,5% 1 л|169|
dairy|Organic milk 2.5% 1 l|Mahepiim 2,5% 1 l|Mleko ekologiczne 2,5% 1 l|Органическое молоко 2,5% 1 л|179|
dairy|Kefir 2.5% 1 l|Keefir 2,5% 1 l|Kefir 2,5% 1 l|Кефир 2,5% 1 л|139|
dairy|Buttermilk 500 ml|Pett 500 ml|Maślanka 500 ml|Пахта 500 мл|99|
dairy|Sour cream 20% 300 g|Hapukoor 20% 300 g|Śmietana 20% 300 g|Сметана 20% 300 г|149|
dairy|Whipping cream 35% 200 ml|Vahukoor 35% 200 ml|Śmietanka kremówka 36% 200 ml|Сливки для взбивания 35% 200 мл|189|
dairy|Butter 82% 200 g|Või 82% 200 g|Masło 82% 200 g|Сливочное масло 82% 200 г|349|2
dairy|Cottage cheese 5% 400 g|Kodujuust 5% 400 g|Serek wiejski 5% 400 g|Зернёный творог 5% 400 г|229|
dairy|Curd cheese 9% 500 g|Kohupiim 9% 500 g|Twaróg półtłusty 500 g|Творог 9% 500 г|299|
dairy|Curd snack with vanilla|Vanilli kohukese|Batonik twarogowy waniliowy|Сырок творожный ванильный|59|
dairy|Curd snack in chocolate|Šokolaadi kohuke|Batonik twarogowy w czekoladzie|Сырок в шоколаде|69|
dairy|Natural yoghurt 400 g|Maitsestamata jogurt 400 g|Jogurt naturalny 400 g|Натуральный йогурт 400 г|149|
dairy|Strawberry yoghurt 150 g|Maasikajogurt 150 g|Jogurt truskawkowy 150 g|Клубничный йогурт 150 г|79|
dairy|Greek yoghurt 10% 400 g|Kreeka jogurt 10% 400 g|Jogurt grecki 10% 400 g|Греческий йогурт 10% 400 г|249|
dairy|Edam cheese sliced 150 g|Eesti juust viilutatud 150 g|Ser edamski w plastrach 150 g|Сыр эдам нарезка 150 г|219|
dairy|Gouda cheese 500 g|Gouda juust 500 g|Ser gouda 500 g|Сыр гауда 500 г|649|
dairy|Mozzarella 125 g|Mozzarella 125 g|Mozzarella 125 g|Моцарелла 125 г|149|
dairy|Cheese by weight|Juust kaalu järgi|Ser na wagę|Сыр на развес|1290|w
dairy|Eggs M 10 pcs|Munad M 10 tk|Jajka M 10 szt.|Яйца M 10 шт.|329|2
dairy|Free-range eggs L 10 pcs|Vabapidamise munad L 10 tk|Jajka z wolnego wybiegu L 10 szt.|Яйца свободного выгула L 10 шт.|449|
dairy|Oat drink 1 l|Kaerajook 1 l|Napój owsiany 1 l|Овсяный напиток 1 л|219|
dairy|Processed cheese 200 g|Sulatatud juust 200 g|Ser topiony 200 g|Плавленый сыр 200 г|169|
dairy|Ryazhenka 4% 500 ml|Rjaženka 4% 500 ml|Riażenka 4% 500 ml|Ряженка 4% 500 мл|119|
meat-fish|Minced pork and beef 400 g|Sea- ja veisehakkliha 400 g|Mięso mielone wieprzowo-wołowe 400 g|Фарш свино-говяжий 400 г|449|
meat-fish|Chicken breast fillet|Kanarinnafilee|Filet z piersi kurczaka|Филе куриной грудки|1099|w
meat-fish|Chicken drumsticks|Kanakoivad|Podudzia z kurczaka|Куриные голени|549|w
meat-fish|Pork neck|Sea kaelakarbonaad|Karkówka wieprzowa|Свиная шея|899|w
meat-fish|Pork chops|Sea karbonaad|Schab wieprzowy|Свиная корейка|849|w
meat-fish|Beef tenderloin|Veise sisefilee|Polędwica wołowa|Говяжья вырезка|3999|w
meat-fish|Fresh salmon fillet|Värske lõhefilee|Świeży filet z łososia|Свежее филе лосося|2499|w
meat-fish|Cold-smoked salmon 100 g|Külmsuitsulõhe 100 g|Łosoś wędzony na zimno 100 g|Лосось холодного копчения 100 г|399|
meat-fish|Hot-smoked mackerel|Kuumsuitsu makrell|Makrela wędzona na gorąco|Скумбрия горячего копчения|999|w
meat-fish|Herring fillets in oil 250 g|Heeringafilee õlis 250 g|Filety śledziowe w oleju 250 g|Филе сельди в масле 250 г|279|
meat-fish|Baltic sprats in oil 160 g|Kilud õlis 160 g|Szprot bałtycki w oleju 160 g|Шпроты в масле 160 г|229|
meat-fish|Cooked ham sliced 150 g|Keedusink viilutatud 150 g|Szynka gotowana w plastrach 150 g|Варёная ветчина нарезка 150 г|259|
meat-fish|Smoked sausage 300 g|Suitsuvorst 300 g|Kiełbasa wędzona 300 g|Копчёная колбаса 300 г|399|2
meat-fish|Frankfurters 400 g|Viinerid 400 g|Parówki 400 g|Сосиски 400 г|329|
meat-fish|Doctor's sausage|Doktorivorst|Kiełbasa doktorska|Докторская колбаса|899|w
meat-fish|Grill sausages 500 g|Grillvorstid 500 g|Kiełbaski z grilla 500 g|Колбаски для гриля 500 г|499|
meat-fish|Blood sausage 500 g|Verivorst 500 g|Kaszanka 500 g|Кровяная колбаса 500 г|349|
meat-fish|Pork in aspic 400 g|Sült 400 g|Galareta wieprzowa 400 g|Холодец 400 г|299|
meat-fish|Liver pâté 200 g|Maksapasteet 200 g|Pasztet z wątróbki 200 g|Печёночный паштет 200 г|149|
meat-fish|Shrimps in brine 250 g|Krevetid soolvees 250 g|Krewetki w zalewie 250 g|Креветки в рассоле 250 г|449|
meat-fish|Crab sticks 200 g|Krabipulgad 200 g|Paluszki krabowe 200 g|Крабовые палочки 200 г|189|
meat-fish|Bacon sliced 150 g|Peekon viilutatud 150 g|Boczek w plastrach 150 g|Бекон нарезка 150 г|279|
drinks|Still mineral water 1.5 l|Gaseerimata mineraalvesi 1,5 l|Woda mineralna niegazowana 1,5 l|Минеральная вода без газа 1,5 л|89|2
drinks|Sparkling mineral water 0.5 l|Gaseeritud mineraalvesi 0,5 l|Woda mineralna gazowana 0,5 l|Минеральная вода с газом 0,5 л|79|
drinks|Orange juice 1 l|Apelsinimahl 1 l|Sok pomarańczowy 1 l|Апельсиновый сок 1 л|229|
drinks|Apple juice 1 l|Õunamahl 1 l|Sok jabłkowy 1 l|Яблочный сок 1 л|199|
drinks|Blackcurrant nectar 1 l|Mustsõstranektar 1 l|Nektar z czarnej porzeczki 1 l|Нектар из чёрной смородины 1 л|189|
drinks|Cola 1.5 l|Koola 1,5 l|Cola 1,5 l|Кола 1,5 л|199|
drinks|Cola zero sugar 0.5 l|Koola suhkruvaba 0,5 l|Cola bez cukru 0,5 l|Кола без сахара 0,5 л|139|
drinks|Lemonade 0.5 l|Limonaad 0,5 l|Lemoniada 0,5 l|Лимонад 0,5 л|129|
drinks|Kvass 1.5 l|Kali 1,5 l|Kwas chlebowy 1,5 l|Квас 1,5 л|179|
drinks|Energy drink 0.5 l|Energiajook 0,5 l|Napój energetyczny 0,5 l|Энергетический напиток 0,5 л|159|
drinks|Ice tea peach 1.5 l|Jäätee virsiku 1,5 l|Herbata mrożona brzoskwiniowa 1,5 l|Холодный чай персик 1,5 л|189|
drinks|Ground coffee 500 g|Jahvatatud kohv 500 g|Kawa mielona 500 g|Молотый кофе 500 г|899|
drinks|Coffee beans 1 kg|Kohvioad 1 kg|Kawa ziarnista 1 kg|Кофе в зёрнах 1 кг|1799|
drinks|Instant coffee 200 g|Lahustuv kohv 200 g|Kawa rozpuszczalna 200 g|Растворимый кофе 200 г|799|
drinks|Black tea 100 bags|Must tee 100 kotikest|Herbata czarna 100 torebek|Чёрный чай 100 пакетиков|449|
drinks|Green tea 20 bags|Roheline tee 20 kotikest|Herbata zielona 20 torebek|Зелёный чай 20 пакетиков|249|
drinks|Chamomile tea 20 bags|Kummelitee 20 kotikest|Herbata rumiankowa 20 torebek|Ромашковый чай 20 пакетиков|199|
drinks|Cocoa powder 150 g|Kakaopulber 150 g|Kakao 150 g|Какао-порошок 150 г|249|
alcohol|Lager beer 0.5 l can|Hele õlu 0,5 l purk|Piwo jasne 0,5 l puszka|Светлое пиво 0,5 л банка|159|a2
alcohol|Dark beer 0.5 l|Tume õlu 0,5 l|Piwo ciemne 0,5 l|Тёмное пиво 0,5 л|199|a
alcohol|Craft IPA 0.33 l|Käsitööõlu IPA 0,33 l|Piwo rzemieślnicze IPA 0,33 l|Крафтовое пиво IPA 0,33 л|349|a
alcohol|Wheat beer 0.5 l|Nisuõlu 0,5 l|Piwo pszeniczne 0,5 l|Пшеничное пиво 0,5 л|219|a
alcohol|Lager beer 6 × 0.5 l|Hele õlu 6 × 0,5 l|Piwo jasne 6 × 0,5 l|Светлое пиво 6 × 0,5 л|899|a
alcohol|Apple cider 0.5 l|Õunasiider 0,5 l|Cydr jabłkowy 0,5 l|Яблочный сидр 0,5 л|229|a
alcohol|Pear cider 0.5 l|Pirnisiider 0,5 l|Cydr gruszkowy 0,5 l|Грушевый сидр 0,5 л|229|a
alcohol|Long drink grapefruit 0.5 l|Long drink greip 0,5 l|Long drink grejpfrutowy 0,5 l|Лонг-дринк грейпфрут 0,5 л|259|a
alcohol|Red wine dry 0.75 l|Punane vein kuiv 0,75 l|Wino czerwone wytrawne 0,75 l|Красное сухое вино 0,75 л|899|a
alcohol|White wine semi-dry 0.75 l|Valge vein poolkuiv 0,75 l|Wino białe półwytrawne 0,75 l|Белое полусухое вино 0,75 л|799|a
alcohol|Sparkling wine brut 0.75 l|Vahuvein brut 0,75 l|Wino musujące brut 0,75 l|Игристое вино брют 0,75 л|999|a
alcohol|Vodka 0.5 l|Viin 0,5 l|Wódka 0,5 l|Водка 0,5 л|1299|a
alcohol|Vodka 0.7 l|Viin 0,7 l|Wódka 0,7 l|Водка 0,7 л|1699|a
alcohol|Herbal liqueur 0.5 l|Taimeliköör 0,5 l|Likier ziołowy 0,5 l|Травяной ликёр 0,5 л|1599|a
alcohol|Cherry liqueur 0.5 l|Kirsiliköör 0,5 l|Wiśniówka 0,5 l|Вишнёвый ликёр 0,5 л|1199|a
alcohol|Gin 0.7 l|Džinn 0,7 l|Gin 0,7 l|Джин 0,7 л|2199|a
tobacco|Cigarettes blue 20 pcs|Sigaretid sinine 20 tk|Papierosy niebieskie 20 szt.|Сигареты синие 20 шт.|690|a
tobacco|Cigarettes red 20 pcs|Sigaretid punane 20 tk|Papierosy czerwone 20 szt.|Сигареты красные 20 шт.|690|a
tobacco|Cigarettes slim 20 pcs|Sigaretid õhukesed 20 tk|Papierosy slim 20 szt.|Сигареты тонкие 20 шт.|710|a
tobacco|Rolling tobacco 30 g|Keeramistubakas 30 g|Tytoń do skręcania 30 g|Табак для самокруток 30 г|990|a
tobacco|Cigarillos 10 pcs|Sigarillod 10 tk|Cygaretki 10 szt.|Сигариллы 10 шт.|890|a
tobacco|Heated tobacco sticks 20 pcs|Kuumutatava tubaka pulgad 20 tk|Wkłady tytoniowe do podgrzewania 20 szt.|Стики для нагревания табака 20 шт.|650|a
tobacco|Cigarette papers|Sigaretipaberid|Bibułki do papierosów|Папиросная бумага|99|a
tobacco|Cigarette filters 120 pcs|Sigaretifiltrid 120 tk|Filtry papierosowe 120 szt.|Фильтры для сигарет 120 шт.|199|a
snacks|Potato crisps salted 150 g|Kartulikrõpsud soolaga 150 g|Chipsy ziemniaczane solone 150 g|Картофельные чипсы с солью 150 г|239|2
snacks|Potato crisps paprika 150 g|Kartulikrõpsud paprikaga 150 g|Chipsy paprykowe 150 g|Картофельные чипсы с паприкой 150 г|239|
snacks|Salted peanuts 200 g|Soolatud maapähklid 200 g|Orzeszki ziemne solone 200 g|Солёный арахис 200 г|199|
snacks|Cashew nuts 150 g|Kašupähklid 150 g|Orzechy nerkowca 150 g|Кешью 150 г|399|
snacks|Pretzel sticks 200 g|Soolapulgad 200 g|Paluszki solone 200 g|Солёные палочки 200 г|129|
snacks|Popcorn microwave 3 × 90 g|Mikrolaineahju popkorn 3 × 90 g|Popcorn do mikrofalówki 3 × 90 g|Попкорн для микроволновки 3 × 90 г|259|
snacks|Rye bread croutons garlic 100 g|Küüslaugu leivakrutoonid 100 g|Grzanki żytnie czosnkowe 100 g|Ржаные сухарики с чесноком 100 г|119|
snacks|Sunflower seeds 100 g|Päevalilleseemned 100 g|Pestki słonecznika 100 g|Семечки подсолнуха 100 г|99|
snacks|Tortilla chips 200 g|Tortiljakrõpsud 200 g|Chipsy tortilla 200 g|Чипсы тортилья 200 г|229|
snacks|Dried cranberries 150 g|Kuivatatud jõhvikad 150 g|Suszona żurawina 150 g|Сушёная клюква 150 г|299|
snacks|Trail mix by weight|Pähklisegu kaalu järgi|Mieszanka studencka na wagę|Ореховая смесь на развес|1590|w
snacks|Dried smoked fish snack 70 g|Kuivatatud suitsukala 70 g|Suszona ryba wędzona 70 g|Сушёная копчёная рыба 70 г|279|
snacks|Salted caramel popcorn 100 g|Soolakaramelli popkorn 100 g|Popcorn solony karmel 100 g|Попкорн солёная карамель 100 г|189|
snacks|Rice cakes 100 g|Riisigaletid 100 g|Wafle ryżowe 100 g|Рисовые хлебцы 100 г|119|
sweets|Milk chocolate 100 g|Piimašokolaad 100 g|Czekolada mleczna 100 g|Молочный шоколад 100 г|189|2
sweets|Dark chocolate 70% 100 g|Tume šokolaad 70% 100 g|Czekolada gorzka 70% 100 g|Тёмный шоколад 70% 100 г|219|
sweets|Chocolate with hazelnuts 200 g|Sarapuupähklitega šokolaad 200 g|Czekolada z orzechami laskowymi 200 g|Шоколад с лесными орехами 200 г|349|
sweets|Chocolate candies box 200 g|Šokolaadikommide karp 200 g|Bombonierka 200 g|Коробка шоколадных конфет 200 г|649|
sweets|Chocolate-covered marshmallows 250 g|Šokolaadis vahukommid 250 g|Ptasie mleczko 250 g|Птичье молоко 250 г|449|
sweets|Fruit jelly sweets 200 g|Puuviljakommid 200 g|Żelki owocowe 200 g|Фруктовый мармелад 200 г|179|
sweets|Liquorice 150 g|Lagrits 150 g|Lukrecja 150 g|Лакрица 150 г|199|
sweets|Chocolate wafer bar|Šokolaadivahvel|Wafelek w czekoladzie|Вафельный батончик в шоколаде|69|
sweets|Caramel toffee 150 g|Iirisekommid 150 g|Krówki 150 g|Ириски 150 г|169|
sweets|Halva 250 g|Halvaa 250 g|Chałwa 250 g|Халва 250 г|249|
sweets|Oat cookies 300 g|Kaeraküpsised 300 g|Ciastka owsiane 300 g|Овсяное печенье 300 г|199|
sweets|Gingerbread hearts with jam 160 g|Moosiga piparkoogisüdamed 160 g|Pierniczki z nadzieniem 160 g|Пряники с джемом 160 г|229|
sweets|Chewing gum mint 10 pcs|Närimiskumm mündi 10 tk|Guma do żucia miętowa 10 szt.|Жевательная резинка мятная 10 шт.|119|
sweets|Pick-and-mix sweets by weight|Kaalukommid|Cukierki na wagę|Конфеты на развес|1390|w
sweets|Chocolate bar with nougat|Nugaa šokolaadibatoon|Baton czekoladowy z nugatem|Шоколадный батончик с нугой|99|
sweets|Honey 400 g|Mesi 400 g|Miód 400 g|Мёд 400 г|699|
frozen|Vanilla ice cream cone|Vanillijäätis vahvlitopsis|Lody waniliowe w rożku|Ванильное мороженое в рожке|149|2
frozen|Chocolate ice cream 1 l|Šokolaadijäätis 1 l|Lody czekoladowe 1 l|Шоколадное мороженое 1 л|449|
frozen|Ice cream on a stick|Pulgajäätis|Lody na patyku|Эскимо на палочке|129|
frozen|Pelmeni 500 g|Pelmeenid 500 g|Pielmieni 500 g|Пельмени 500 г|349|
frozen|Pierogi with potato and cheese 450 g|Pierogid kartuli ja juustuga 450 g|Pierogi ruskie 450 g|Вареники с картофелем и сыром 450 г|329|
frozen|Pizza margherita 350 g|Pitsa margherita 350 g|Pizza margherita 350 g|Пицца маргарита 350 г|299|
frozen|French fries 1 kg|Friikartulid 1 kg|Frytki 1 kg|Картофель фри 1 кг|279|
frozen|Frozen peas 400 g|Külmutatud herned 400 g|Groszek mrożony 400 g|Замороженный горошек 400 г|169|
frozen|Vegetable mix 400 g|Köögiviljasegu 400 g|Mieszanka warzywna 400 g|Овощная смесь 400 г|189|
frozen|Frozen blueberries 300 g|Külmutatud mustikad 300 g|Borówki mrożone 300 g|Замороженная черника 300 г|349|
frozen|Fish fingers 300 g|Kalapulgad 300 g|Paluszki rybne 300 g|Рыбные палочки 300 г|299|
frozen|Cod fillet 400 g|Tursafilee 400 g|Filet z dorsza 400 g|Филе трески 400 г|699|
frozen|Blini with curd 420 g|Kohupiimaga pannkoogid 420 g|Naleśniki z twarogiem 420 g|Блины с творогом 420 г|299|
frozen|Ice cubes 2 kg|Jääkuubikud 2 kg|Kostki lodu 2 kg|Кубики льда 2 кг|199|
household|Toilet paper 8 rolls|Tualettpaber 8 rulli|Papier toaletowy 8 rolek|Туалетная бумага 8 рулонов|449|2
household|Kitchen towels 2 rolls|Köögipaber 2 rulli|Ręczniki papierowe 2 rolki|Бумажные полотенца 2 рулона|249|
household|Paper tissues 10 packs|Taskurätikud 10 pakki|Chusteczki higieniczne 10 paczek|Бумажные платочки 10 пачек|149|
household|Washing-up liquid 500 ml|Nõudepesuvahend 500 ml|Płyn do mycia naczyń 500 ml|Средство для мытья посуды 500 мл|199|
household|Dishwasher tablets 40 pcs|Nõudepesumasina tabletid 40 tk|Tabletki do zmywarki 40 szt.|Таблетки для посудомоечной машины 40 шт.|899|
household|Laundry detergent 2 kg|Pesupulber 2 kg|Proszek do prania 2 kg|Стиральный порошок 2 кг|999|
household|Laundry gel 1.5 l|Pesugeel 1,5 l|Żel do prania 1,5 l|Гель для стирки 1,5 л|799|
household|Fabric softener 1 l|Pesuloputusvahend 1 l|Płyn do płukania 1 l|Кондиционер для белья 1 л|349|
household|Bin bags 35 l 30 pcs|Prügikotid 35 l 30 tk|Worki na śmieci 35 l 30 szt.|Мешки для мусора 35 л 30 шт.|249|
household|Aluminium foil 10 m|Alumiiniumfoolium 10 m|Folia aluminiowa 10 m|Алюминиевая фольга 10 м|229|
household|Baking paper 8 m|Küpsetuspaber 8 m|Papier do pieczenia 8 m|Бумага для выпечки 8 м|199|
household|Hand soap 300 ml|Vedelseep 300 ml|Mydło w płynie 300 ml|Жидкое мыло 300 мл|179|
household|Shampoo 400 ml|Šampoon 400 ml|Szampon 400 ml|Шампунь 400 мл|399|
household|Toothpaste 75 ml|Hambapasta 75 ml|Pasta do zębów 75 ml|Зубная паста 75 мл|249|
household|AA batteries 4 pcs|AA patareid 4 tk|Baterie AA 4 szt.|Батарейки AA 4 шт.|499|
household|Tea lights 50 pcs|Teeküünlad 50 tk|Podgrzewacze 50 szt.|Чайные свечи 50 шт.|399|
household|Carrier bag|Kilekott|Torba na zakupy|Пакет для покупок|15|
baby|Nappies size 4 44 pcs|Mähkmed suurus 4 44 tk|Pieluszki rozmiar 4 44 szt.|Подгузники размер 4 44 шт.|1499|2
baby|Nappies size 2 58 pcs|Mähkmed suurus 2 58 tk|Pieluszki rozmiar 2 58 szt.|Подгузники размер 2 58 шт.|1499|
baby|Baby wipes 64 pcs|Niisked beebisalvrätikud 64 tk|Chusteczki nawilżane dla dzieci 64 szt.|Детские влажные салфетки 64 шт.|229|
baby|Infant formula 800 g|Imiku piimasegu 800 g|Mleko początkowe 800 g|Детская молочная смесь 800 г|1999|
baby|Baby porridge oat 200 g|Beebi kaerapuder 200 g|Kaszka owsiana dla dzieci 200 g|Детская овсяная каша 200 г|349|
baby|Apple puree for babies 90 g|Õunapüree beebidele 90 g|Przecier jabłkowy dla dzieci 90 g|Яблочное пюре для детей 90 г|109|
baby|Vegetable puree with turkey 190 g|Köögiviljapüree kalkuniga 190 g|Obiadek warzywny z indykiem 190 g|Овощное пюре с индейкой 190 г|189|
baby|Baby shampoo 250 ml|Beebišampoon 250 ml|Szampon dla dzieci 250 ml|Детский шампунь 250 мл|349|
baby|Nappy cream 100 ml|Mähkmekreem 100 ml|Krem na odparzenia 100 ml|Крем под подгузник 100 мл|449|
baby|Baby biscuits 180 g|Beebiküpsised 180 g|Biszkopty dla dzieci 180 g|Детское печенье 180 г|249|
baby|Fruit pouch mango 100 g|Puuviljapüree mango 100 g|Mus owocowy mango 100 g|Фруктовое пюре манго 100 г|119|
baby|Baby feeding bottle 250 ml|Lutipudel 250 ml|Butelka dla niemowląt 250 ml|Бутылочка для кормления 250 мл|899|
pantry|Wheat flour 2 kg|Nisujahu 2 kg|Mąka pszenna 2 kg|Пшеничная мука 2 кг|199|2
pantry|Rye flour 1 kg|Rukkijahu 1 kg|Mąka żytnia 1 kg|Ржаная мука 1 кг|169|
pantry|Sugar 1 kg|Suhkur 1 kg|Cukier 1 kg|Сахар 1 кг|129|
pantry|Salt 1 kg|Sool 1 kg|Sól 1 kg|Соль 1 кг|59|
pantry|Buckwheat 800 g|Tatar 800 g|Kasza gryczana 800 g|Гречка 800 г|249|
pantry|Rolled oats 1 kg|Kaerahelbed 1 kg|Płatki owsiane 1 kg|Овсяные хлопья 1 кг|179|
pantry|Long-grain rice 1 kg|Pikateraline riis 1 kg|Ryż długoziarnisty 1 kg|Длиннозёрный рис 1 кг|229|
pantry|Spaghetti 500 g|Spagetid 500 g|Makaron spaghetti 500 g|Спагетти 500 г|149|
pantry|Pasta shells 500 g|Karbikesed 500 g|Makaron muszelki 500 g|Макароны ракушки 500 г|139|
pantry|Pearl barley 1 kg|Pärl-oder 1 kg|Kasza jęczmienna perłowa 1 kg|Перловая крупа 1 кг|149|
pantry|Semolina 800 g|Manna 800 g|Kasza manna 800 g|Манная крупа 800 г|139|
pantry|Sunflower oil 1 l|Päevalilleõli 1 l|Olej słonecznikowy 1 l|Подсолнечное масло 1 л|299|
pantry|Olive oil extra virgin 500 ml|Ekstra neitsioliiviõli 500 ml|Oliwa z oliwek extra virgin 500 ml|Оливковое масло экстра вирджин 500 мл|899|
pantry|Mayonnaise 400 g|Majonees 400 g|Majonez 400 g|Майонез 400 г|249|
pantry|Ketchup 500 g|Ketšup 500 g|Ketchup 500 g|Кетчуп 500 г|229|
pantry|Mustard 200 g|Sinep 200 g|Musztarda 200 g|Горчица 200 г|119|
pantry|Pickled cucumbers 680 g|Marineeritud kurgid 680 g|Ogórki konserwowe 680 g|Маринованные огурцы 680 г|279|
pantry|Sauerkraut 500 g|Hapukapsas 500 g|Kapusta kiszona 500 g|Квашеная капуста 500 г|149|
pantry|Canned tomatoes 400 g|Purustatud tomatid 400 g|Pomidory krojone 400 g|Консервированные томаты 400 г|119|
pantry|Red kidney beans 400 g|Punased oad 400 g|Czerwona fasola 400 g|Красная фасоль 400 г|109|
pantry|Sweetcorn 340 g|Suhkrumais 340 g|Kukurydza konserwowa 340 g|Сладкая кукуруза 340 г|129|
pantry|Strawberry jam 400 g|Maasikamoos 400 g|Dżem truskawkowy 400 g|Клубничное варенье 400 г|299|
pantry|Black pepper ground 50 g|Jahvatatud must pipar 50 g|Pieprz czarny mielony 50 g|Чёрный молотый перец 50 г|149|
pantry|Chicken stock cubes 12 pcs|Kanapuljongikuubikud 12 tk|Kostki rosołowe drobiowe 12 szt.|Куриные бульонные кубики 12 шт.|149|
pantry|Tomato soup instant 4 pcs|Kiirtomatisupp 4 tk|Zupa pomidorowa błyskawiczna 4 szt.|Томатный суп быстрого приготовления 4 шт.|199|
pantry|Peanut butter 350 g|Maapähklivõi 350 g|Masło orzechowe 350 g|Арахисовая паста 350 г|349|
pantry|Breakfast cereal 375 g|Hommikuhelbed 375 g|Płatki śniadaniowe 375 g|Сухой завтрак 375 г|329|
pantry|Muesli with fruit 500 g|Puuviljamüsli 500 g|Musli owocowe 500 g|Мюсли с фруктами 500 г|349|
press|Daily newspaper|Päevaleht|Gazeta codzienna|Ежедневная газета|250|r
press|Weekly news magazine|Nädala uudisteajakiri|Tygodnik informacyjny|Еженедельный новостной журнал|450|r
press|Crossword magazine|Ristsõnaajakiri|Magazyn krzyżówek|Журнал кроссвордов|290|r
press|Cookbook of Baltic recipes|Balti retseptide kokaraamat|Książka kucharska z przepisami bałtyckimi|Кулинарная книга балтийских рецептов|1990|r
press|Children's colouring book|Laste värviraamat|Kolorowanka dla dzieci|Детская раскраска|399|r
press|Road atlas of the Baltics|Baltimaade teede atlas|Atlas drogowy krajów bałtyckich|Дорожный атлас Прибалтики|1490|r
press|Home and garden magazine|Kodu ja aia ajakiri|Magazyn dom i ogród|Журнал «Дом и сад»|390|r
bakery|Bread roll|Kukkel|Bułka|Булочка|25|l|83009|bakery/bread-roll.svg
bakery|Rye roll|Rukkikukkel|Bułka żytnia|Ржаная булочка|35|l|83010|bakery/rye-roll.svg
`;
