<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AmendDialog</name>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="31" />
        <source>Amend answer</source>
        <translation>补正检查结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="39" />
        <source>Pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="40" />
        <source>Fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="41" />
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="53" />
        <source>Why is the recorded answer wrong? (required)</source>
        <translation>原记录为何有误？（必填）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="57" />
        <source>Answer</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="60" />
        <source>Measured (%1)</source>
        <translation>实测值（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="61" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="62" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="63" />
        <source>Amend</source>
        <translation>补正</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="63" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="83" />
        <source>A reason is required.</source>
        <translation>须填写理由。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/amend.py" line="89" />
        <source>Not a number.</source>
        <translation>不是有效数字。</translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="143" />
        <source>Equipment under stop-use orders</source>
        <translation>停止使用未解除的设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="144" />
        <source>Serious hazards open</source>
        <translation>重大事故隐患未整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="145" />
        <source>Directives past deadline</source>
        <translation>指令书逾期未整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="146" />
        <source>Re-inspections due</source>
        <translation>收到整改报告待复查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="147" />
        <source>Re-inspections late (10 working days)</source>
        <translation>复查超过10个工作日</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="148" />
        <source>Not corrected at re-inspection</source>
        <translation>复查仍未整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="149" />
        <source>Refusals to sign</source>
        <translation>拒绝签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="150" />
        <source>Cases under 督办</source>
        <translation>挂牌督办中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="151" />
        <source>Sealed or seized</source>
        <translation>查封、扣押未解除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="161" />
        <source>All districts</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="163" />
        <source>All kinds</source>
        <translation>全部设备种类</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="167" />
        <source>All campaigns</source>
        <translation>全部专项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="173" />
        <source>Only inspections started from this campaign's tasks, or whose 任务来源 names it</source>
        <translation>只统计由该专项任务开始的检查，或任务来源为该专项的检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="176" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="178" />
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="179" />
        <source>The period's tables, a chart and the raw rows</source>
        <translation>本期统计表、图表和原始数据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="184" />
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="185" />
        <source>District:</source>
        <translation>区县：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="185" />
        <source>Kind:</source>
        <translation>设备种类：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="186" />
        <source>Campaign:</source>
        <translation>专项：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="201" />
        <source>Show what this count counts</source>
        <translation>查看此项的明细</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="210" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="211" />
        <source>Unit</source>
        <translation>使用单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="212" />
        <source>Equipment, directive or case</source>
        <translation>设备、指令书或督办案件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="213" />
        <source>Details</source>
        <translation>情况</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="214" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="219" />
        <source>Record a rectification report…</source>
        <translation>登记整改报告…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="220" />
        <source>The unit's 整改报告 came in: its date and pages, on the chosen directive</source>
        <translation>使用单位报送了整改报告：在所选指令书上登记收到日期和报告材料</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="238" />
        <source>Inspections and hazards found, by month</source>
        <translation>各月检查次数和发现的隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="247" />
        <source>Trend</source>
        <translation>月度趋势</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="248" />
        <source>Breakdown</source>
        <translation>分组统计</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="280" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="302" />
        <source>As of %1</source>
        <translation>统计日期：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="307" />
        <source>Could not count: %1</source>
        <translation>统计失败：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="327" />
        <source>Inspections made</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="328" />
        <source>Serious hazards</source>
        <translation>重大事故隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="329" />
        <source>General hazards</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="395" />
        <location filename="../../inspector_app/ui/supervisor/board.py" line="409" />
        <location filename="../../inspector_app/ui/supervisor/board.py" line="455" />
        <source>Export statistics</source>
        <translation>导出统计表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="396" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="408" />
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="408" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="450" />
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出，未生成文件。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="453" />
        <source>Export failed.</source>
        <translation>导出失败。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/board.py" line="457" />
        <source>Saved %1 (%2 finding rows, %3 item results)</source>
        <translation>已保存%1（隐患明细%2条，检查结果%3条）</translation>
    </message>
</context>
<context>
    <name>BreakdownView</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="104" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="104" />
        <source>Venue type</source>
        <translation>场所类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="105" />
        <source>Kind</source>
        <translation>设备类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="106" />
        <source>Serious hazards</source>
        <translation>重大事故隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="106" />
        <source>General hazards</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="107" />
        <source>Hazards still open</source>
        <translation>未整改隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="108" />
        <source>Inspections made</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="118" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="147" />
        <source>Choose two different dimensions.</source>
        <translation>请选择两个不同的分组维度。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="151" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="158" />
        <source>The period and the other filters are the board's.</source>
        <translation>统计期间和其他筛选条件与看板相同。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="159" />
        <source>Nothing in the period.</source>
        <translation>本期没有数据。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/breakdown.py" line="164" />
        <source>Could not count: %1</source>
        <translation>统计失败：%1</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/camera.py" line="54" />
        <location filename="../../inspector_app/ui/checklist/camera.py" line="68" />
        <source>Take photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/camera.py" line="68" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/camera.py" line="84" />
        <source>No preview available</source>
        <translation>无法显示预览</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/camera.py" line="97" />
        <source>The camera cannot be used on this computer.</source>
        <translation>本机无法使用相机。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/camera.py" line="107" />
        <source>Camera error: %1</source>
        <translation>相机故障：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/camera.py" line="112" />
        <location filename="../../inspector_app/ui/checklist/camera.py" line="138" />
        <source>The photo could not be taken: %1</source>
        <translation>未能拍照：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/camera.py" line="138" />
        <source>empty image</source>
        <translation>图像为空</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="89" />
        <source>New campaign (专项监督检查)</source>
        <translation>新建专项监督检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="97" />
        <source>e.g. 2026年校园及周边特种设备安全专项检查</source>
        <translation>如：2026年校园及周边特种设备安全专项检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="99" />
        <source>e.g. 漳市监特〔2026〕12号</source>
        <translation>如：漳市监特〔2026〕12号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="108" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="116" />
        <source>Campaign name</source>
        <translation>专项名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="117" />
        <source>任务来源 (document no.)</source>
        <translation>任务来源（文号）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="118" />
        <source>Legal basis</source>
        <translation>检查依据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="119" />
        <source>Period</source>
        <translation>检查期间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="120" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="123" />
        <source>Kinds × venue types × districts</source>
        <translation>设备种类 × 场所类型 × 区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="124" />
        <source>An explicit list of units</source>
        <translation>指定单位名单</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="135" />
        <source>Equipment kinds</source>
        <translation>设备种类</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="136" />
        <source>Venue types</source>
        <translation>场所类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="137" />
        <source>Districts</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="140" />
        <source>Nothing ticked in a column means all of it.</source>
        <translation>某一栏不勾选即为该栏全部。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="145" />
        <source>One unit a line: its 统一社会信用代码 (or its id in this system)</source>
        <translation>每行一家单位：填写统一社会信用代码（或本系统中的单位编号）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="152" />
        <source>Scope:</source>
        <translation>检查范围：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="161" />
        <source>Kind</source>
        <translation>设备类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="161" />
        <source>Venue</source>
        <translation>场所类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="161" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="161" />
        <source>Target</source>
        <translation>目标覆盖率</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="167" />
        <source>Add a cell target</source>
        <translation>按单元另设目标</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="169" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="172" />
        <source>Target coverage of every scope cell</source>
        <translation>各范围单元的目标覆盖率</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="179" />
        <source>Create campaign</source>
        <translation>建立专项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="179" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="203" />
        <source>(any)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="234" />
        <source>Write at least one unit in the list.</source>
        <translation>请在名单中至少填写一家单位。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="237" />
        <source>Only a supervisor (科室负责人) may create a campaign.</source>
        <translation>只有科室负责人可以建立专项检查。</translation>
    </message>
</context>
<context>
    <name>CampaignTasksDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="289" />
        <source>Make the campaign's tasks</source>
        <translation>生成专项检查任务</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="292" />
        <source>e.g. the numbers of two dice throws</source>
        <translation>如：两次掷骰的点数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="300" />
        <source>%1 registered units are in the scope; each scope cell gets the share of its units its target asks, drawn at random with two officers each.</source>
        <translation>范围内有登记的使用单位%1家；每个范围单元按其目标覆盖率随机抽取单位，每家配两名执法人员。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="305" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="306" />
        <source>Tasks due</source>
        <translation>任务完成期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="307" />
        <source>Make tasks</source>
        <translation>生成任务</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="307" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/campaign_dialog.py" line="317" />
        <source>Only a supervisor (科室负责人) may do this.</source>
        <translation>只有科室负责人可以进行此操作。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="98" />
        <source>挂牌督办 case</source>
        <translation>挂牌督办案件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="100" />
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="106" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="113" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="187" />
        <source>Step</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="107" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="108" />
        <source>Done on</source>
        <translation>办理日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="112" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="188" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="267" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="114" />
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="115" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="189" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="116" />
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="121" />
        <source>五到位</source>
        <translation>五到位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="122" />
        <source>Steps</source>
        <translation>办理步骤</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="123" />
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="124" />
        <source>Acceptance (销号)</source>
        <translation>验收销号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="125" />
        <source>Withdraw / police</source>
        <translation>撤销/移送公安</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="138" />
        <source>Steps and when they are due (policy/cases.yaml):</source>
        <translation>办理步骤及期限（policy/cases.yaml）：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="140" />
        <source>History:</source>
        <translation>办理经过：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="165" />
        <source>e.g. 更换层门门锁并全面检修安全回路</source>
        <translation>如：更换层门门锁并全面检修安全回路</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="166" />
        <source>e.g. 8万元（已到位）</source>
        <translation>如：8万元（已到位）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="167" />
        <source>e.g. 总务处主任 林某</source>
        <translation>如：总务处主任 林某</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="168" />
        <source>e.g. 停梯期间设专人值守</source>
        <translation>如：停梯期间设专人值守</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="170" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="292" />
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="171" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="292" />
        <source>Funds</source>
        <translation>整改资金</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="172" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="323" />
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="173" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="293" />
        <source>Person responsible</source>
        <translation>整改责任人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="174" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="294" />
        <source>Emergency plan</source>
        <translation>应急预案</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="175" />
        <source>Save the 五到位</source>
        <translation>保存“五到位”</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="190" />
        <source>Record the step</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="207" />
        <source>Asked on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="208" />
        <source>New deadline</source>
        <translation>申请延至</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="209" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="210" />
        <source>Record the request</source>
        <translation>登记延期申请</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="219" />
        <source>required when refusing</source>
        <translation>不予延期时必填</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="220" />
        <source>Decision date</source>
        <translation>审批日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="221" />
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="251" />
        <source>Opinion</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="223" />
        <source>Grant</source>
        <translation>同意延期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="225" />
        <source>Refuse</source>
        <translation>不予延期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="239" />
        <source>e.g. 隐患已消除，验收合格</source>
        <translation>如：隐患已消除，验收合格</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="242" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="244" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="250" />
        <source>Accepted on</source>
        <translation>验收日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="252" />
        <source>Evidence</source>
        <translation>验收材料</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="254" />
        <source>Photos or the acceptance report (PDF, images, Word/Excel). Every hazard of the case must be closed by a follow-up first.</source>
        <translation>照片或验收报告（PDF、图片、Word/Excel）。案件中的隐患须先经复查销号。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="259" />
        <source>Accept and close (销号)</source>
        <translation>验收销号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="269" />
        <source>Reason for withdrawal</source>
        <translation>撤销理由</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="270" />
        <source>Withdraw the case</source>
        <translation>撤销督办</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="279" />
        <source>e.g. 责令停止使用后仍继续使用</source>
        <translation>如：责令停止使用后仍继续使用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="280" />
        <source>Suspected offence</source>
        <translation>涉嫌罪名</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="281" />
        <source>Facts of the suspected crime</source>
        <translation>涉嫌犯罪的事实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="282" />
        <source>Refer to the police (移送)</source>
        <translation>移送公安机关</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="311" />
        <source> (was %1)</source>
        <translation>（原为%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="312" />
        <source>Referred to the police</source>
        <translation>已移送公安机关</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="315" />
        <source>五到位 in place</source>
        <translation>“五到位”已落实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="315" />
        <source>五到位 not in place</source>
        <translation>“五到位”未落实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="316" />
        <source>deadline %1</source>
        <translation>整改期限 %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="325" />
        <source>Listed %1</source>
        <translation>%1挂牌</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="326" />
        <source>Leader %1</source>
        <translation>责任领导：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="327" />
        <source>Directive %1</source>
        <translation>指令书：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="342" />
        <source>Waiting for a decision: asked on %1 to move the deadline to %2 (%3).</source>
        <translation>延期申请待审批：%1申请延至%2（%3）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="346" />
        <source>An extension must be asked by %1.</source>
        <translation>延期申请最迟应于%1提出。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="389" />
        <source>五到位 saved.</source>
        <translation>已保存“五到位”。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="397" />
        <source>Recorded: %1</source>
        <translation>已登记：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="406" />
        <source>Extension request recorded.</source>
        <translation>已登记延期申请。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="413" />
        <source>Extension granted.</source>
        <translation>已同意延期。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="413" />
        <source>Extension refused.</source>
        <translation>已不予延期。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="417" />
        <source>Evidence of acceptance</source>
        <translation>验收材料</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="418" />
        <source>Documents and images (*.pdf *.jpg *.jpeg *.png *.gif *.docx *.xlsx *.doc *.xls *.txt);;All files (*)</source>
        <translation>文档和图片 (*.pdf *.jpg *.jpeg *.png *.gif *.docx *.xlsx *.doc *.xls *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="442" />
        <source>Accepted and closed (销号).</source>
        <translation>已验收销号。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="448" />
        <source>Case withdrawn.</source>
        <translation>已撤销督办。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/case_steps.py" line="456" />
        <source>Referred to the police; print the 移送书 from 文书….</source>
        <translation>已移送公安机关；移送书请在“文书…”中打印。</translation>
    </message>
</context>
<context>
    <name>CasesTab</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="139" />
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="153" />
        <source>Unit</source>
        <translation>使用单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="140" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="141" />
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="154" />
        <source>Why</source>
        <translation>督办事由</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="142" />
        <source>Directive</source>
        <translation>指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="143" />
        <source>Hazards</source>
        <translation>隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="148" />
        <source>Under 督办</source>
        <translation>督办中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="149" />
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="152" />
        <source>Number</source>
        <translation>督办编号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="155" />
        <source>Listed</source>
        <translation>挂牌日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="156" />
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="157" />
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="158" />
        <source>Five in place</source>
        <translation>五到位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="159" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="163" />
        <source>Handle…</source>
        <translation>办理…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="164" />
        <source>The chosen case: 五到位, steps, extension, acceptance, withdrawal, police referral</source>
        <translation>所选案件：五到位、办理步骤、延期、验收销号、撤销、移送公安</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="167" />
        <source>List for 督办…</source>
        <translation>挂牌督办…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="168" />
        <source>Open a 挂牌督办 case for the chosen proposal</source>
        <translation>对所选提议挂牌督办</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="170" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="172" />
        <source>Documents…</source>
        <translation>文书…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="175" />
        <source>Report to the next level (Art 30)…</source>
        <translation>报告上一级市场监督管理部门（第三十条）…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="176" />
        <source>Written report to the local government (Art 31)…</source>
        <translation>书面报告当地人民政府（第三十一条）…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="177" />
        <source>Transfer to the police (移送书)…</source>
        <translation>涉嫌犯罪案件移送书…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="186" />
        <source>Proposed by the rules (policy/cases.yaml):</source>
        <translation>按规则提议挂牌督办的隐患：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="197" />
        <source>Cases:</source>
        <translation>督办案件：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="217" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="227" />
        <source>%1 proposed</source>
        <translation>提议%1件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="243" />
        <source>Choose a proposal first.</source>
        <translation>请先选择一项提议。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="253" />
        <source>Listed for 督办: %1</source>
        <translation>已挂牌督办：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="261" />
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="278" />
        <source>Choose a case first.</source>
        <translation>请先选择一件督办案件。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="282" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="294" />
        <source>Cannot save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="296" />
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="300" />
        <source>Cannot print: %1</source>
        <translation>无法生成文书：%1</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/model.py" line="54" />
        <source>needs a photo</source>
        <translation>缺照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/model.py" line="55" />
        <source>found last time</source>
        <translation>上次检查发现问题</translation>
    </message>
</context>
<context>
    <name>ChecklistNavigator</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/navigator.py" line="34" />
        <source>Find in the checklist (/)</source>
        <translation>在检查表中查找（/）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/navigator.py" line="43" />
        <source>All items</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/navigator.py" line="44" />
        <source>Unanswered</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/navigator.py" line="45" />
        <source>Failed</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/navigator.py" line="46" />
        <source>Missing photo</source>
        <translation>缺照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/navigator.py" line="47" />
        <source>Found last time</source>
        <translation>上次发现问题</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/navigator.py" line="66" />
        <source>Jump to section…</source>
        <translation>跳到分项…</translation>
    </message>
</context>
<context>
    <name>ChecklistScreen</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/screen.py" line="148" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/screen.py" line="150" />
        <source>Next unanswered (J)</source>
        <translation>下一未检项（J）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/screen.py" line="152" />
        <source>Sign-off…</source>
        <translation>签字确认…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/screen.py" line="164" />
        <source>This inspection is concluded and locked.</source>
        <translation>该检查已结束并锁定。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/screen.py" line="212" />
        <source>No unanswered item among those shown.</source>
        <translation>当前显示的项目中没有未填写的项目。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/screen.py" line="214" />
        <source>Every item is answered. Continue with sign-off.</source>
        <translation>所有项目均已填写，请继续签字确认。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/screen.py" line="393" />
        <source>Answer the item before adding photos.</source>
        <translation>请先填写该项检查结果，再添加照片。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/screen.py" line="455" />
        <source>Failures: %1 serious, %2 general</source>
        <translation>不符合：重大隐患%1项，一般隐患%2项</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="133" />
        <source>Data conflict</source>
        <translation>数据冲突</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="143" />
        <source>Two devices changed this record without seeing each other's change. Sync kept the version with the later clock; the other one was set aside and is shown here.</source>
        <translation>两台设备在互不知情的情况下修改了这条记录。同步时保留了时钟较晚的版本，另一版本已搁置，列于此处。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="150" />
        <source>The record has been changed again since; its present values are shown too.</source>
        <translation>此后该记录又被修改过，一并列出其现值。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="157" />
        <source>Note (why this version), optional</source>
        <translation>备注（为何采用此版本），可不填</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="159" />
        <source>Keep the current version</source>
        <translation>保留当前版本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="160" />
        <source>Use the other version</source>
        <translation>采用另一版本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="162" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="167" />
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="184" />
        <source>clock %1</source>
        <translation>时钟 %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="185" />
        <source>Current version (kept by sync)</source>
        <translation>当前版本（同步时保留）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="186" />
        <source>Other version (set aside)</source>
        <translation>另一版本（同步时搁置）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="198" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="198" />
        <source>Current version</source>
        <translation>当前版本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="198" />
        <source>Other version</source>
        <translation>另一版本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="200" />
        <source>In the record now</source>
        <translation>记录现值</translation>
    </message>
</context>
<context>
    <name>ConflictTexts</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="60" />
        <source>Detected</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="61" />
        <source>Record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="62" />
        <source>Which record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="63" />
        <source>Differs in</source>
        <translation>不一致的字段</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="64" />
        <source>Kept version</source>
        <translation>保留的版本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="65" />
        <source>Other version</source>
        <translation>另一版本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="70" />
        <source>Name of the record</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="71" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="72" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="73" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="74" />
        <source>Venue type</source>
        <translation>场所类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="75" />
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="76" />
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="77" />
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="78" />
        <source>Priority unit</source>
        <translation>重点单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="79" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="80" />
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="81" />
        <source>Unit</source>
        <translation>使用单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="82" />
        <source>Kind</source>
        <translation>设备类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="83" />
        <source>Category</source>
        <translation>设备品种</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="84" />
        <source>Registration code</source>
        <translation>注册代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="85" />
        <source>Certificate no.</source>
        <translation>使用登记证编号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="86" />
        <source>Location</source>
        <translation>设备位置</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="87" />
        <source>Manufacturer</source>
        <translation>制造单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="88" />
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="89" />
        <source>Commissioned on</source>
        <translation>投入使用日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="90" />
        <source>Last inspected on</source>
        <translation>上次检验日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="91" />
        <source>Next inspection due</source>
        <translation>下次检验日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="92" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="93" />
        <source>Attributes</source>
        <translation>设备参数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="94" />
        <source>Hazard</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="95" />
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="96" />
        <source>Provision</source>
        <translation>违反条款</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="97" />
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="98" />
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="99" />
        <source>Rectified at</source>
        <translation>整改时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="100" />
        <source>Closed at</source>
        <translation>销号时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="101" />
        <source>Directive</source>
        <translation>指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="102" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="107" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="107" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="108" />
        <source>Open</source>
        <translation>待整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="108" />
        <source>Rectified, to verify</source>
        <translation>已整改待核实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="109" />
        <source>Rectified (closed)</source>
        <translation>已整改（销号）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="110" />
        <source>Not rectified, past deadline (case)</source>
        <translation>逾期未整改（转立案）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="111" />
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="111" />
        <source>Suspended</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="112" />
        <source>Sealed</source>
        <translation>查封</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/conflicts.py" line="112" />
        <source>Scrapped</source>
        <translation>报废</translation>
    </message>
</context>
<context>
    <name>CreditTab</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="127" />
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="132" />
        <source>Unit name or credit code</source>
        <translation>单位名称或统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="134" />
        <source>Regrade</source>
        <translation>重新评级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="135" />
        <source>Bring the grades up to date (policy/credit.yaml)</source>
        <translation>按信用分级规则（policy/credit.yaml）更新评级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="140" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="141" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="142" />
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="161" />
        <source>Unit</source>
        <translation>使用单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="143" />
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="162" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="144" />
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="163" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="145" />
        <source>Main reason</source>
        <translation>主要原因</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="150" />
        <source>Choose a unit to see its credit file.</source>
        <translation>选择一个单位查看其信用档案。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="154" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="155" />
        <source>Record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="156" />
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="157" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="164" />
        <source>Facts</source>
        <translation>事实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="165" />
        <source>Article</source>
        <translation>依据条款</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="168" />
        <source>Confirm listing…</source>
        <translation>确认列入…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="170" />
        <source>Export the list…</source>
        <translation>导出名单…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="175" />
        <source>Grade:</source>
        <translation>等级：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="192" />
        <source>Candidates for the 严重违法失信名单 (nothing is listed without a confirmation):</source>
        <translation>严重违法失信名单候选单位（经确认方可列入）：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="229" />
        <source>%1 listed</source>
        <translation>已列入%1家</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="248" />
        <source>Not graded yet.</source>
        <translation>尚未评级。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="259" />
        <source>Grading…</source>
        <translation>正在评级…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="276" />
        <source>Choose a candidate first.</source>
        <translation>请先选择一个候选单位。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="287" />
        <source>Export the list</source>
        <translation>导出名单</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="288" />
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="294" />
        <source>Saved %1 (%2 units)</source>
        <translation>已保存%1（%2家单位）</translation>
    </message>
</context>
<context>
    <name>DirectiveScreen</name>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="59" />
        <source>Serious hazard: stop using the equipment at once</source>
        <translation>存在重大事故隐患，立即停止使用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="60" />
        <source>General hazards: rectify by the deadline</source>
        <translation>存在一般隐患，限期整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="61" />
        <source>No hazard found</source>
        <translation>未发现隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="63" />
        <source>in force</source>
        <translation>执行中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="63" />
        <source>superseded</source>
        <translation>已被更正</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="64" />
        <source>closed (all rectified)</source>
        <translation>已结案（全部整改）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="73" />
        <location filename="../../inspector_app/ui/directive/screen.py" line="177" />
        <source>Issue directive</source>
        <translation>出具指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="76" />
        <source>Issue corrected directive</source>
        <translation>出具更正指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="87" />
        <source>Amend answer…</source>
        <translation>补正…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="90" />
        <source>Directive (特种设备安全监察指令书)</source>
        <translation>特种设备安全监察指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="98" />
        <source>Answers (locked; amendments are audited)</source>
        <translation>检查结果（已锁定，补正留痕）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="113" />
        <source>Directive</source>
        <translation>指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="113" />
        <source>On-site record</source>
        <translation>现场监督检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="121" />
        <source>Print (2 copies)…</source>
        <translation>打印（一式两份）…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="123" />
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="137" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="163" />
        <source>Conclusion: %1 · findings: %2</source>
        <translation>结论：%1 · 问题%2项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="167" />
        <source>No directive issued yet</source>
        <translation>尚未出具指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="169" />
        <source>%1 — %2, deadline %3</source>
        <translation>%1 — %2，整改期限%3</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="175" />
        <source>Issue directive to %1</source>
        <translation>向%1出具指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="181" />
        <source>Only the inspection's two officers or a supervisor may issue its directive.</source>
        <translation>只有实施本次检查的两名执法人员或科室负责人可以出具本检查的指令书。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="212" />
        <source>Issuing the directive…</source>
        <translation>正在出具指令书…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="227" />
        <source>Directive %1 issued.</source>
        <translation>已出具指令书 %1。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="248" />
        <source>No directive issued yet.</source>
        <translation>尚未出具指令书。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="253" />
        <source>Preparing the document…</source>
        <translation>正在生成文书…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="278" />
        <source>On-site record %1.pdf</source>
        <translation>现场监督检查记录 %1.pdf</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="297" />
        <source>Printing failed: %1</source>
        <translation>打印失败：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="299" />
        <source>Sent to the printer: %1 copies.</source>
        <translation>已发送到打印机：%1份。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="308" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="308" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="316" />
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="324" />
        <source>Choose an answered item first.</source>
        <translation>请先选择一个已检查的项目。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="342" />
        <source>Answer amended (recorded in the audit log).</source>
        <translation>已补正（已记入审计日志）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/screen.py" line="344" />
        <source>The directive already issued is unchanged; issue a corrected directive if it must change.</source>
        <translation>已出具的指令书不变；如需更改，请出具更正指令书。</translation>
    </message>
</context>
<context>
    <name>DrawPlanDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="88" />
        <source>Draw the annual plan (双随机)</source>
        <translation>抽取年度抽查计划（双随机）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="108" />
        <source>chosen at the draw meeting, e.g. the numbers of two dice throws</source>
        <translation>在抽取会上当场确定，如两次掷骰的点数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="111" />
        <source>default: &lt;year&gt;年度特种设备安全监督检查计划</source>
        <translation>默认：&lt;年度&gt;年度特种设备安全监督检查计划</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="119" />
        <source>optional: the pool hash announced before the meeting (SHA-256)</source>
        <translation>可选：会前公布的抽查对象库哈希值（SHA-256）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="135" />
        <source>Plan year</source>
        <translation>计划年度</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="136" />
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="269" />
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="137" />
        <source>Ratios</source>
        <translation>抽取比例</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="138" />
        <source>Plan name</source>
        <translation>计划名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="139" />
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="140" />
        <source>Tasks due</source>
        <translation>任务完成期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="141" />
        <source>Announced pool hash</source>
        <translation>公布的对象库哈希值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="148" />
        <source>Districts (none ticked: the whole city)</source>
        <translation>区县（不勾选即全市）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="149" />
        <source>Equipment kinds (none ticked: all)</source>
        <translation>设备种类（不勾选即全部）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="153" />
        <source>The ratios are the office settings (设置 → plan_ratio_key, plan_ratio_general; credit grades from policy/credit.yaml). The draw is deterministic from the seed and the pool: anyone can repeat it (docs/planning.md).</source>
        <translation>抽取比例取自局端设置（plan_ratio_key、plan_ratio_general；信用等级见 policy/credit.yaml）。抽取结果由随机种子和对象库唯一确定，任何人都可以重复验证（见 docs/planning.md）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="159" />
        <source>Draw</source>
        <translation>抽取</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="162" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="184" />
        <source>Only a supervisor (科室负责人) may draw the plan.</source>
        <translation>只有科室负责人可以抽取计划。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="207" />
        <source>Drawing: building the pool from the registry, drawing units and officers, making the tasks…</source>
        <translation>正在抽取：按名录建立对象库，抽取单位和执法人员，生成任务…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="230" />
        <source>Stratum</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="230" />
        <source>Units in the pool</source>
        <translation>库内单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="230" />
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="231" />
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="276" />
        <source>Drawn</source>
        <translation>抽中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="236" />
        <source>抽查记录 (PDF)…</source>
        <translation>抽查记录（PDF）…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="238" />
        <source>Publish (公开)…</source>
        <translation>公开…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="240" />
        <source>Verify…</source>
        <translation>核验…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="242" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="249" />
        <source>Next at the meeting: print the 抽查记录 for signing, publish the list (公开), and anyone may verify the draw again.</source>
        <translation>抽取会接下来：打印抽查记录供签字确认，公开抽查名单；任何人都可以重新抽取核验。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="268" />
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="270" />
        <source>Pool</source>
        <translation>对象库</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="270" />
        <source>%1 units, %2 officers; %3 excluded (Art 17: a 证后 inspection this year)</source>
        <translation>单位%1家，执法人员%2名；排除%3家（第十七条：本年度已实施证后检查）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="274" />
        <source>Pool hash</source>
        <translation>对象库哈希值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="275" />
        <source>Result hash</source>
        <translation>结果哈希值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="276" />
        <source>%1 units; each has its task and two officers</source>
        <translation>%1家单位，均已生成任务并配两名执法人员</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="55" />
        <source>Device enrolment</source>
        <translation>设备登记</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="72" />
        <source>This device</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="74" />
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="75" />
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="76" />
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="77" />
        <source>Read the fingerprint to the office on the phone: they enrol the device only when it matches.</source>
        <translation>请通过电话向局端读出指纹：核对一致后局端才会登记本设备。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="87" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="89" />
        <source>Office key</source>
        <translation>局端密钥</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="90" />
        <source>Enrolment</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="91" />
        <source>Directive number segment</source>
        <translation>指令书编号段</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="95" />
        <source>Save enrolment request…</source>
        <translation>生成登记申请…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="97" />
        <source>Send enrolment request</source>
        <translation>发送登记申请</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="99" />
        <source>Enrolment request</source>
        <translation>登记申请</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="101" />
        <source>Sync server</source>
        <translation>同步服务器地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="109" />
        <source>Paste the office key here (the text that “inspector office public-key” prints)</source>
        <translation>在此粘贴局端密钥（局端执行“inspector office public-key”显示的文字）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="112" />
        <source>Load from file…</source>
        <translation>从文件载入…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="114" />
        <source>Trust office key</source>
        <translation>信任局端密钥</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="116" />
        <source>Trust office key…</source>
        <translation>信任局端密钥…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="142" />
        <source>Trusted (key id %1, office device %2)</source>
        <translation>已信任（密钥编号 %1，局端设备 %2）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="147" />
        <source>Not trusted yet: paste or load the office key below</source>
        <translation>尚未信任：请在下方粘贴或载入局端密钥</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="150" />
        <source>Enrolled</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="151" />
        <source>Revoked by the office: this device can no longer sync</source>
        <translation>已被局端吊销：本设备不能再同步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="152" />
        <source>Not confirmed yet (the office's enrolment arrives with the first sync after it)</source>
        <translation>尚未确认（局端登记后，在下一次同步时确认）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="157" />
        <source>Request received by the office, waiting for it to enrol this device</source>
        <translation>局端已收到登记申请，等待局端登记本设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="160" />
        <source>Enrolled at the office (confirmed here by the next sync)</source>
        <translation>局端已登记（下一次同步时在本机确认）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="165" />
        <source>Not assigned yet</source>
        <translation>尚未分配</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="173" />
        <source>Save enrolment request</source>
        <translation>生成登记申请</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="174" />
        <source>Enrolment request (*.json)</source>
        <translation>登记申请 (*.json)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="185" />
        <source>Enrolment request saved to %1. Fingerprint: %2</source>
        <translation>登记申请已保存到 %1。指纹：%2</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="204" />
        <source>Sending the enrolment request…</source>
        <translation>正在发送登记申请…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="214" />
        <source>enrolled</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="215" />
        <source>waiting for the office to enrol it</source>
        <translation>等待局端登记</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="216" />
        <source>The office received the request (%1). Fingerprint: %2</source>
        <translation>局端已收到登记申请（%1）。指纹：%2</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="234" />
        <source>Paste the office key first, or load it from a file.</source>
        <translation>请先粘贴局端密钥，或从文件载入。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="244" />
        <source>Trusting the office key %1 (office device %2).</source>
        <translation>已信任局端密钥 %1（局端设备 %2）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="247" />
        <source>It replaces the key %1 trusted before.</source>
        <translation>它取代了此前信任的密钥 %1。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="253" />
        <source>Load office key</source>
        <translation>载入局端密钥</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/enrol_dialog.py" line="254" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>EquipmentDialog</name>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="50" />
        <source>Edit equipment</source>
        <translation>编辑设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="50" />
        <source>New equipment</source>
        <translation>新增设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="58" />
        <source>20 digits, e.g. 3110 3506 …</source>
        <translation>20位，如 3110 3506 …</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="62" />
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="63" />
        <source>Suspended</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="64" />
        <source>Sealed</source>
        <translation>查封</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="65" />
        <source>Scrapped</source>
        <translation>报废</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="70" />
        <source>Maintenance company (维保单位)</source>
        <translation>维护保养单位名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="73" />
        <source>Its credit code, if known</source>
        <translation>统一社会信用代码（如已知）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="82" />
        <source>Attributes (decide which checklist items apply)</source>
        <translation>设备参数（决定适用的检查项目）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="90" />
        <source>Registration code</source>
        <translation>注册代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="91" />
        <source>Use registration certificate no.</source>
        <translation>使用登记证编号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="88" />
        <source>Equipment kind</source>
        <translation>设备种类</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="89" />
        <source>Category (code)</source>
        <translation>设备品种（类别代码）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="93" />
        <source>Location</source>
        <translation>设备位置</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="92" />
        <source>Equipment name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="94" />
        <source>Manufacturer</source>
        <translation>制造单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="95" />
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="96" />
        <source>In use since</source>
        <translation>投入使用日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="97" />
        <source>Last periodic inspection</source>
        <translation>上次定期检验日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="98" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="99" />
        <source>Maintenance unit</source>
        <translation>维保单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="100" />
        <source>Maintenance unit credit code</source>
        <translation>维保单位信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="119" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="119" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="134" />
        <source>(not set)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/equipment_dialog.py" line="150" />
        <source>(not known)</source>
        <translation>（不详）</translation>
    </message>
</context>
<context>
    <name>FetchBar</name>
    <message>
        <location filename="../../inspector_app/ui/sync/fetch.py" line="36" />
        <source>Get the files from the office</source>
        <translation>从局端获取</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/fetch.py" line="39" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/fetch.py" line="75" />
        <source>%1 file(s) of this inspection (photos, signatures or documents) are kept at the office: this laptop's sync scope leaves them out.</source>
        <translation>该检查有%1个文件（照片、签名或文书）存于局端：不在本机的同步范围内。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/fetch.py" line="79" />
        <source>No sync server is set, so they cannot be fetched here.</source>
        <translation>尚未设置同步服务器，无法在本机获取。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/fetch.py" line="101" />
        <source>Fetching from the office…</source>
        <translation>正在从局端获取…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/fetch.py" line="132" />
        <source>Fetching cancelled; the files are still kept at the office.</source>
        <translation>已取消获取；文件仍存于局端。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/fetch.py" line="134" />
        <source>Offline: the office's sync server does not answer. The files stay at the office; fetch them when this laptop is online.</source>
        <translation>当前离线：局端同步服务器没有应答。文件仍存于局端，请在本机联网后再获取。</translation>
    </message>
</context>
<context>
    <name>FindingCard</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="102" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="107" />
        <source>Fill in the blanks (＿＿) before the directive can be issued.</source>
        <translation>请补全＿＿处的内容，否则不能出具指令书。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="130" />
        <source>Fact found</source>
        <translation>问题事实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="132" />
        <source>Violates</source>
        <translation>违反条款</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="133" />
        <source>Judged serious by</source>
        <translation>判定依据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="135" />
        <source>Measure ordered</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="136" />
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="150" />
        <source>own fact</source>
        <translation>自行填写的事实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="164" />
        <source>Directed to the maintenance unit (TSG T5002)</source>
        <translation>责令对象：维护保养单位（TSG T5002）</translation>
    </message>
</context>
<context>
    <name>FindingsEditor</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="206" />
        <source>What was found (tick one or several):</source>
        <translation>发现的问题（可选一项或多项）：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="215" />
        <source>None fits? Write what you found…</source>
        <translation>没有合适的情形？直接填写发现的问题…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="217" />
        <source>Add fact</source>
        <translation>添加事实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="252" />
        <source>Violates: %1</source>
        <translation>违反：%1</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="22" />
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="22" />
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="22" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="23" />
        <source>Hazard</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="23" />
        <source>Finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="23" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="24" />
        <source>Directive</source>
        <translation>指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="26" />
        <source>Open</source>
        <translation>待整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="27" />
        <source>Rectified, to verify</source>
        <translation>已整改待核实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="28" />
        <source>Rectified (closed)</source>
        <translation>已整改（销号）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="29" />
        <source>Not rectified, past deadline (case)</source>
        <translation>逾期未整改（转立案）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="31" />
        <source>in force</source>
        <translation>执行中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="31" />
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/model.py" line="32" />
        <source>superseded</source>
        <translation>已被更正</translation>
    </message>
</context>
<context>
    <name>FollowUpScreen</name>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="60" />
        <source>Follow-up: %1</source>
        <translation>整改复查：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="83" />
        <source>Add evidence photo…</source>
        <translation>添加整改照片…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="86" />
        <source>What was found at the follow-up (optional)</source>
        <translation>复查情况（可选）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="87" />
        <source>Rectified ✔</source>
        <translation>已整改 ✔</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="90" />
        <source>Not rectified ✘</source>
        <translation>未整改 ✘</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="94" />
        <source>Selected finding</source>
        <translation>所选问题</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="97" />
        <source>Photos of the rectification</source>
        <translation>整改后照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="111" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="113" />
        <source>Directive…</source>
        <translation>指令书…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="134" />
        <source>%1 to verify · %2 closed</source>
        <translation>待复查%1项 · 已销号%2项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="140" />
        <source>This unit has no open finding.</source>
        <translation>该单位没有待复查的问题。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="168" />
        <source>deadline %1</source>
        <translation>整改期限 %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="170" />
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="172" />
        <source>Directive: %1</source>
        <translation>指令书：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="174" />
        <source>A serious hazard closes only with a photo of the rectification.</source>
        <translation>重大事故隐患须附整改后照片方可销号。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/followup/screen.py" line="252" />
        <source>Recorded.</source>
        <translation>已记录。</translation>
    </message>
</context>
<context>
    <name>FormVersionsDialog</name>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="80" />
        <source>Checklist form versions</source>
        <translation>检查表版本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="85" />
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="85" />
        <source>Kind</source>
        <translation>设备类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="85" />
        <source>Form</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="85" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="86" />
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="86" />
        <source>Published by</source>
        <translation>发布人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="86" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="99" />
        <source>The office has not published any form version yet: new inspections use the forms shipped with this release.</source>
        <translation>局端尚未发布检查表版本：新检查使用本版本软件自带的检查表。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="134" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="135" />
        <source>New inspections of this kind use this version.</source>
        <translation>该类设备的新检查使用此版本。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="136" />
        <source>A later version is in use; inspections started with this one keep it.</source>
        <translation>已有更新的版本在用；用此版本开始的检查仍沿用此版本。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="137" />
        <source>Same content as the version it replaced.</source>
        <translation>内容与被替代的版本相同。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="144" />
        <source>Added items (%1)</source>
        <translation>新增项目（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="146" />
        <source>Removed items (%1)</source>
        <translation>删除项目（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="149" />
        <source>Reworded items (%1)</source>
        <translation>措辞修改（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="152" />
        <source>Hazard class changed (%1)</source>
        <translation>隐患等级变更（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/forms/dialog.py" line="155" />
        <source>Otherwise changed (%1): deadline, failures, measurement or applicability</source>
        <translation>其他修改（%1）：整改期限、不符合情形、测量或适用条件</translation>
    </message>
</context>
<context>
    <name>HazardDialog</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/hazard_dialog.py" line="23" />
        <source>Change hazard class</source>
        <translation>更改隐患等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/hazard_dialog.py" line="30" />
        <source>Why does this item differ from the checklist?</source>
        <translation>为何与检查表规定的等级不同？</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/hazard_dialog.py" line="37" />
        <source>Hazard class</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/hazard_dialog.py" line="38" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/hazard_dialog.py" line="46" />
        <source>A reason is required.</source>
        <translation>须填写理由。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="125" />
        <source>Search: registration code, unit name, address (scanner works too)</source>
        <translation>搜索：注册代码、单位名称、地址（可直接扫码）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="134" />
        <source>New unit…</source>
        <translation>新增单位…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="141" />
        <location filename="../../inspector_app/ui/home/screen.py" line="161" />
        <source>Registration code</source>
        <translation>注册代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="142" />
        <location filename="../../inspector_app/ui/home/screen.py" line="162" />
        <source>Kind</source>
        <translation>设备类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="143" />
        <location filename="../../inspector_app/ui/home/screen.py" line="163" />
        <location filename="../../inspector_app/ui/home/screen.py" line="211" />
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="144" />
        <location filename="../../inspector_app/ui/home/screen.py" line="164" />
        <location filename="../../inspector_app/ui/home/screen.py" line="175" />
        <location filename="../../inspector_app/ui/home/screen.py" line="182" />
        <location filename="../../inspector_app/ui/home/screen.py" line="188" />
        <location filename="../../inspector_app/ui/home/screen.py" line="197" />
        <location filename="../../inspector_app/ui/home/screen.py" line="209" />
        <source>Unit</source>
        <translation>使用单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="145" />
        <location filename="../../inspector_app/ui/home/screen.py" line="160" />
        <source>Next inspection</source>
        <translation>下次检验日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="146" />
        <location filename="../../inspector_app/ui/home/screen.py" line="165" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="152" />
        <source>%1 days overdue</source>
        <translation>已逾期%1天</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="176" />
        <location filename="../../inspector_app/ui/home/screen.py" line="210" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="177" />
        <source>Venue</source>
        <translation>场所类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="178" />
        <source>Priority</source>
        <translation>重点</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="181" />
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="183" />
        <source>Hazard</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="184" />
        <source>Finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="187" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="189" />
        <source>Lead officer</source>
        <translation>主检执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="190" />
        <source>Answered</source>
        <translation>已检项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="193" />
        <source>Stop use</source>
        <translation>停止使用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="193" />
        <source>Rectify</source>
        <translation>限期整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="194" />
        <source>Passed</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="196" />
        <source>Concluded</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="198" />
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="199" />
        <source>Findings</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="200" />
        <source>Directive</source>
        <translation>指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="201" />
        <source>not issued</source>
        <translation>未出具</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="204" />
        <source>To do</source>
        <translation>待检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="204" />
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="205" />
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="207" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="208" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="211" />
        <source>all equipment</source>
        <translation>全部设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="212" />
        <source>With</source>
        <translation>同组人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="213" />
        <source>Plan or campaign</source>
        <translation>计划/专项检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="232" />
        <source>My tasks</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="314" />
        <source>My tasks (%1)</source>
        <translation>我的任务（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="316" />
        <source>My tasks (%1, %2 overdue)</source>
        <translation>我的任务（%1，逾期%2）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="331" />
        <source>Unfinished inspections (%1)</source>
        <translation>未完成的检查（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="331" />
        <source>Due or overdue (%1)</source>
        <translation>检验到期/超期（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="332" />
        <source>Never inspected (%1)</source>
        <translation>从未检查的单位（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="332" />
        <source>Findings past deadline (%1)</source>
        <translation>逾期未整改（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="333" />
        <source>Concluded inspections (%1)</source>
        <translation>已结束的检查（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="336" />
        <source>Inspected this year: %1 / %2 pieces of equipment</source>
        <translation>本年度已检 %1 / %2 台设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="384" />
        <source>%1 matching pieces of equipment</source>
        <translation>找到%1台设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="387" />
        <source>Unit names and addresses need at least 3 characters; 1 or 2 match only the start of a registration or credit code.</source>
        <translation>搜索单位名称、地址至少需要3个字；1至2个字只匹配注册代码或信用代码的开头。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/screen.py" line="411" />
        <source>Nothing found.</source>
        <translation>未找到。</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="29" />
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="31" />
        <source>Applied</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="31" />
        <source>Already imported</source>
        <translation>此前已导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="32" />
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="32" />
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="35" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="35" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="35" />
        <source>Inspections</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="36" />
        <source>Findings</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="36" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="36" />
        <source>Reason / changes</source>
        <translation>原因 / 更改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="45" />
        <source>%1 changes applied</source>
        <translation>已应用%1项更改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/report.py" line="55" />
        <source>%1 of %2 files applied · inspections %3 · findings %4 · conflicts %5</source>
        <translation>%2个文件中已导入%1个 · 检查%3次 · 问题%4项 · 冲突%5处</translation>
    </message>
</context>
<context>
    <name>InspectionDetailScreen</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="59" />
        <source>Open</source>
        <translation>待整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="60" />
        <source>Rectified, to verify</source>
        <translation>已整改待核实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="61" />
        <source>Rectified (closed)</source>
        <translation>已整改（销号）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="62" />
        <source>Not rectified, past deadline (case)</source>
        <translation>逾期未整改（转立案）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="63" />
        <source>Serious hazard: stop using the equipment at once</source>
        <translation>存在重大事故隐患，立即停止使用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="64" />
        <source>General hazards: rectify by the deadline</source>
        <translation>存在一般隐患，限期整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="65" />
        <source>No hazard found</source>
        <translation>未发现隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="83" />
        <source>Findings (%1)</source>
        <translation>发现的问题（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="86" />
        <source>Photos (%1)</source>
        <translation>照片（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="97" />
        <source>Directive</source>
        <translation>指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="97" />
        <source>On-site record</source>
        <translation>现场监督检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="115" />
        <source>Back to the lists</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="141" />
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="142" />
        <source>%1 passed, %2 failed, %3 not applicable</source>
        <translation>符合%1项，不符合%2项，不适用%3项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="145" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="145" />
        <source>Officers</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="146" />
        <source>Unit representative</source>
        <translation>被检查单位负责人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="147" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="147" />
        <source>Concluded</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="148" />
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="148" />
        <source>Answers</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="149" />
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="157" />
        <source>No findings.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="164" />
        <source>deadline %1</source>
        <translation>整改期限 %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="188" />
        <source>No directive issued yet.</source>
        <translation>尚未出具指令书。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/detail.py" line="193" />
        <source>Preparing the document…</source>
        <translation>正在生成文书…</translation>
    </message>
</context>
<context>
    <name>IssueConfirmation</name>
    <message>
        <location filename="../../inspector_app/ui/directive/confirm.py" line="17" />
        <source>Issue the directive?</source>
        <translation>出具指令书？</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/confirm.py" line="21" />
        <source>Issue a corrected directive numbered %1? It supersedes %2, which stays on record.</source>
        <translation>出具编号为 %1 的更正指令书？它将替代 %2（原指令书留档）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/confirm.py" line="28" />
        <source>Issue the directive numbered %1?</source>
        <translation>出具编号为 %1 的指令书？</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/confirm.py" line="32" />
        <source>The number is used for good once issued: it cannot be taken back or given to another directive.</source>
        <translation>编号一经出具即被占用，不能收回，也不能再给其他指令书使用。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/confirm.py" line="37" />
        <source>Issue %1</source>
        <translation>出具 %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/directive/confirm.py" line="39" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="69" />
        <source>Pass (P)</source>
        <translation>符合（P）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="70" />
        <source>Fail (F)</source>
        <translation>不符合（F）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="71" />
        <source>Not applicable (N)</source>
        <translation>不适用（N）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="94" />
        <source>Record value</source>
        <translation>记录测量值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="98" />
        <source>Measured</source>
        <translation>实测值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="104" />
        <source>Enter records the value and goes to the next item; P, F or N answer without one.</source>
        <translation>输入测量值后按 Enter 记录并进入下一项；也可直接按 P、F 或 N 作答。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="110" />
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="114" />
        <source>Finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="116" />
        <source>Change hazard class…</source>
        <translation>更改隐患等级…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="123" />
        <source>Hazard class</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="139" />
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="162" />
        <location filename="../../inspector_app/ui/checklist/panel.py" line="164" />
        <source> (unverified)</source>
        <translation>（待核实）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="166" />
        <source>Legal basis</source>
        <translation>检查依据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="174" />
        <source>If it fails: %1, deadline %2 days</source>
        <translation>不符合时：%1，整改期限%2天</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="177" />
        <source> · photo required</source>
        <translation> · 须拍照</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="190" />
        <source>required: %1</source>
        <translation>要求：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="204" />
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="222" />
        <source>Type the measured value first.</source>
        <translation>请先输入测量值。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/panel.py" line="227" />
        <source>Not a number.</source>
        <translation>不是有效数字。</translation>
    </message>
</context>
<context>
    <name>LedgerImportDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="97" />
        <source>Import equipment ledger</source>
        <translation>导入设备台账</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="125" />
        <source>Choose the equipment ledger exported from the registration system: Excel (.xlsx, old .xls) or CSV (UTF-8 or GBK). Columns are recognised by their usual Chinese headers (使用单位名称、统一社会信用代码、设备注册代码……); you can check and change them on the next page. Equipment is matched by registration code, units by credit code: importing a file again only changes what changed.</source>
        <translation>请选择从登记系统导出的设备台账：Excel（.xlsx、旧版.xls）或CSV（UTF-8或GBK编码）。各列按常用中文表头识别（使用单位名称、统一社会信用代码、设备注册代码……），下一步可核对和修改。设备按注册代码、单位按统一社会信用代码对应：同一文件再次导入时只更新有变化的内容。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="134" />
        <source>Ledger file (.xlsx, .xls, .csv)</source>
        <translation>台账文件（.xlsx、.xls、.csv）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="136" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="143" />
        <source>Load mapping…</source>
        <translation>载入列映射…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="145" />
        <source>Usual headers</source>
        <translation>常用表头</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="147" />
        <source>Forget the saved mapping for this import and use the usual Chinese headers</source>
        <translation>本次导入不用已保存的列映射，改用常用中文表头</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="152" />
        <source>find it</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="154" />
        <source>Column mapping:</source>
        <translation>列映射：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="158" />
        <source>Header row:</source>
        <translation>表头所在行：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="162" />
        <source>Next: check the columns</source>
        <translation>下一步：核对各列</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="165" />
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="508" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="185" />
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="386" />
        <source>saved mapping (%1)</source>
        <translation>已保存的列映射（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="191" />
        <source>usual headers; the saved mapping is unusable: %1</source>
        <translation>常用表头（已保存的列映射无法使用：%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="194" />
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="200" />
        <source>usual Chinese headers</source>
        <translation>常用中文表头</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="206" />
        <source>Load mapping</source>
        <translation>载入列映射</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="217" />
        <source>mapping from %1</source>
        <translation>列映射文件 %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="224" />
        <source>Choose the ledger</source>
        <translation>选择台账文件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="233" />
        <source>Choose a ledger file first.</source>
        <translation>请先选择台账文件。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="239" />
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="283" />
        <source>Columns (double-click to change):</source>
        <translation>各列（双击修改）：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="295" />
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="297" />
        <source>Save mapping</source>
        <translation>保存列映射</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="299" />
        <source>Use these columns again next time (also for “inspector ledger import”)</source>
        <translation>下次导入时沿用这些列（命令行“inspector ledger import”同样适用）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="302" />
        <source>Check only</source>
        <translation>只检查不导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="304" />
        <source>Check every row and compare with the database; write nothing</source>
        <translation>逐行检查并与数据库比对，不写入任何数据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="307" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="335" />
        <source>%1 (%2%3): sheet “%4”, headers in row %5, %6 data rows</source>
        <translation>%1（%2%3）：工作表“%4”，表头在第%5行，数据%6行</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="347" />
        <source>The file's rows as read (scroll for more):</source>
        <translation>文件中读到的行（向下滚动查看更多）：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="352" />
        <source>Required columns are not mapped: %1. Double-click a column on the left and choose what it holds.</source>
        <translation>必需的列尚未对应：%1。请双击左侧的列，选择它的内容。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="389" />
        <source>Mapping saved to %1; it is used for the next imports too.</source>
        <translation>列映射已保存到 %1，以后导入时沿用。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="402" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="412" />
        <source>Cancel stops at the next step; an import that is cancelled or fails changes nothing in the database.</source>
        <translation>取消后在下一步停止；取消或失败的导入不会改动数据库。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="454" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="477" />
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="477" />
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="500" />
        <source>Open report</source>
        <translation>打开问题报告</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="502" />
        <source>Save report as…</source>
        <translation>另存问题报告…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="504" />
        <source>Import another file</source>
        <translation>导入其他文件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="506" />
        <source>Import now</source>
        <translation>现在导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="530" />
        <source>Checked, nothing written: %1 rows, %2 would be imported, %3 refused.</source>
        <translation>已检查，未写入：共%1行，可导入%2行，不能导入%3行。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="532" />
        <source>Imported: %1 rows, %2 good, %3 refused.</source>
        <translation>已导入：共%1行，合格%2行，未导入%3行。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="541" />
        <source>Units: %1 new, %2 updated, %3 unchanged. Equipment: %4 new, %5 updated, %6 unchanged.</source>
        <translation>单位：新增%1，更新%2，无变化%3。设备：新增%4，更新%5，无变化%6。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="553" />
        <source>Maintenance units (维保单位): %1 new, %2 updated.</source>
        <translation>维保单位：新增%1个，更新%2个。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="565" />
        <source>Report (the refused rows to fix and import again, and every problem): %1</source>
        <translation>问题报告（含未导入的行，改正后可直接再导入；以及全部问题）：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="569" />
        <source>No problems: no report was needed.</source>
        <translation>没有问题，无需问题报告。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="586" />
        <source>Save report as</source>
        <translation>另存问题报告</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="596" />
        <source>Cannot save the report: %1</source>
        <translation>无法保存问题报告：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/wizard.py" line="599" />
        <source>Report saved to %1</source>
        <translation>问题报告已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ListingDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="63" />
        <source>Confirm listing</source>
        <translation>确认列入严重违法失信名单</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="65" />
        <source> (article to be verified)</source>
        <translation>（条款待核实）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="71" />
        <source>e.g. 漳市监罚〔2026〕12号</source>
        <translation>如：漳市监罚〔2026〕12号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="79" />
        <source>Reason for listing</source>
        <translation>列入理由</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="80" />
        <source>Penalty decision no.</source>
        <translation>行政处罚决定书文号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="81" />
        <source>Decided on</source>
        <translation>处罚决定日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/credit.py" line="84" />
        <source>List</source>
        <translation>确认列入</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="100" />
        <location filename="../../inspector_app/ui/login/dialogs.py" line="106" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="110" />
        <source>Law-enforcement certificate no.</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="111" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="112" />
        <source>Special equipment field inspection</source>
        <translation>特种设备现场监督检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="122" />
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="44" />
        <source>Special equipment field inspection</source>
        <translation>特种设备现场监督检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="48" />
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="56" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="58" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="61" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="64" />
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="66" />
        <source>Log out / switch officer</source>
        <translation>退出登录 / 换人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="147" />
        <source>not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="90" />
        <location filename="../../inspector_app/ui/mainwindow.py" line="148" />
        <source>Officer: %1</source>
        <translation>执法人员：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="184" />
        <source>Checklist form versions…</source>
        <translation>检查表版本…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="236" />
        <source>Wait for the sync to finish first.</source>
        <translation>请等同步结束后再退出。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="329" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="329" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/mainwindow.py" line="178" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="85" />
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="85" />
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="93" />
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="101" />
        <source>(blank)</source>
        <translation>（空表头）</translation>
    </message>
</context>
<context>
    <name>OnlineIndicator</name>
    <message>
        <location filename="../../inspector_app/ui/sync/online.py" line="75" />
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/online.py" line="76" />
        <source>● Offline (the sync server does not answer)</source>
        <translation>● 离线（同步服务器无应答）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/online.py" line="77" />
        <source>○ No sync server set</source>
        <translation>○ 未设置同步服务器</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/online.py" line="78" />
        <source>○ Checking the connection…</source>
        <translation>○ 正在检查网络连接…</translation>
    </message>
</context>
<context>
    <name>OpenCaseDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="73" />
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="93" />
        <source>List for 督办</source>
        <translation>挂牌督办</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="82" />
        <source>e.g. 陈副局长</source>
        <translation>如：陈副局长</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="88" />
        <source>Rectification deadline (时限)</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="89" />
        <source>Responsible leader</source>
        <translation>督办责任领导</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/cases.py" line="90" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/photos.py" line="57" />
        <source>Drop photo files here</source>
        <translation>将照片文件拖放到此处</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/photos.py" line="58" />
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/photos.py" line="60" />
        <source>Take photo…</source>
        <translation>拍照…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/photos.py" line="89" />
        <source>Choose photos</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/photos.py" line="90" />
        <source>Images (*.jpg *.jpeg *.png *.webp *.heic *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.heic *.bmp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/photos.py" line="98" />
        <source>No camera found.</source>
        <translation>未找到相机。</translation>
    </message>
</context>
<context>
    <name>PlanPublication</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="320" />
        <source>Publish (公开)</source>
        <translation>公开抽查名单</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="321" />
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="334" />
        <source>Writing the list…</source>
        <translation>正在写入名单…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="338" />
        <source>公开 list of %1 units saved to %2</source>
        <translation>公开名单（%1家单位）已保存到 %2</translation>
    </message>
</context>
<context>
    <name>PlanningPage</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="61" />
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="80" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="61" />
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="81" />
        <source>Venue</source>
        <translation>场所类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="61" />
        <source>Kind</source>
        <translation>设备类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="61" />
        <source>Planned</source>
        <translation>计划检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="62" />
        <source>Inspected</source>
        <translation>已检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="62" />
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="62" />
        <source>With hazards</source>
        <translation>有隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="63" />
        <source>Hazards</source>
        <translation>隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="63" />
        <source>Closed</source>
        <translation>已销号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="74" />
        <source>To do</source>
        <translation>待检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="74" />
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="75" />
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="75" />
        <source>Done</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="76" />
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="78" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="79" />
        <source>Unit</source>
        <translation>使用单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="82" />
        <source>Officers</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="83" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="84" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="89" />
        <source>Reassign task…</source>
        <translation>调整任务…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="100" />
        <source>New campaign…</source>
        <translation>新建专项…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="101" />
        <source>Close campaign…</source>
        <translation>结束专项…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="102" />
        <source>Make tasks…</source>
        <translation>生成任务…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="103" />
        <source>Draw the annual plan…</source>
        <translation>抽取年度计划…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="104" />
        <source>Verify…</source>
        <translation>核验…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="105" />
        <source>抽查记录…</source>
        <translation>抽查记录…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="106" />
        <source>Publish (公开)…</source>
        <translation>公开…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="112" />
        <source>Draw the plan again from its stored pool and compare with the stored list</source>
        <translation>用存档的对象库重新抽取，并与存档名单比对</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="119" />
        <source>Plan or campaign</source>
        <translation>计划/专项检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="149" />
        <source>published</source>
        <translation>已公开</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="149" />
        <source>campaign closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="165" />
        <source>No plan or campaign yet: draw the annual plan or create a campaign.</source>
        <translation>尚无抽查计划或专项检查：请抽取年度计划或新建专项。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="203" />
        <source>Computing coverage…</source>
        <translation>正在统计覆盖情况…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="220" />
        <source>Tasks %1, done %2; equipment planned %3, inspected %4 (%5); with hazards %6; hazards %7, closed %8</source>
        <translation>任务%1项，已完成%2项；计划检查设备%3台，已检查%4台（%5）；有隐患%6台；隐患%7项，已销号%8项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="258" />
        <source>Tasks: %1</source>
        <translation>任务：%1项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="268" />
        <source>Only a supervisor (科室负责人) may do this.</source>
        <translation>只有科室负责人可以进行此操作。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="279" />
        <source>Campaign created. Make its tasks with 生成任务….</source>
        <translation>专项检查已建立。请用“生成任务…”生成其任务。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="293" />
        <source>Close the campaign “%1”? It stays on record with its coverage; %2 of its tasks are still open.</source>
        <translation>结束专项检查“%1”？其记录和覆盖情况仍保留；尚有%2项任务未完成。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="298" />
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="303" />
        <source>Close campaign</source>
        <translation>结束专项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="304" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="316" />
        <source>Campaign closed.</source>
        <translation>专项检查已结束。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="328" />
        <source>%1 tasks made: they reach the officers' laptops at their next sync.</source>
        <translation>已生成任务%1项：执法人员下次同步时送达其电脑。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="345" />
        <source>Plan drawn: its tasks reach the officers' laptops at their next sync.</source>
        <translation>计划已抽取：任务将在执法人员下次同步时送达其电脑。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="403" />
        <source>Choose the task to reassign in the list.</source>
        <translation>请先在列表中选择要调整的任务。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="410" />
        <source>That task is done or cancelled.</source>
        <translation>该任务已完成或已撤销。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="423" />
        <source>Reassigned: both officers' laptops get it at their next sync.</source>
        <translation>任务已调整：原、新执法人员的电脑下次同步时收到。</translation>
    </message>
</context>
<context>
    <name>PriorBanner</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/prior.py" line="27" />
        <source>not rectified</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/prior.py" line="28" />
        <source>rectified, to verify</source>
        <translation>已整改待核实</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/prior.py" line="29" />
        <source>rectified (closed)</source>
        <translation>已整改（销号）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/prior.py" line="30" />
        <source>not rectified, past deadline (case)</source>
        <translation>逾期未整改（转立案）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/prior.py" line="42" />
        <source>ordered to stop using it</source>
        <translation>已责令停止使用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/prior.py" line="44" />
        <source>Inspection of %1 found: %2</source>
        <translation>%1的检查发现：%2</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/prior.py" line="49" />
        <source>deadline %1 · %2</source>
        <translation>整改期限%1 · %2</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="183" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="184" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="185" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="186" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="187" />
        <source>Done</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="200" />
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="200" />
        <source>Imported (note)</source>
        <translation>已导入（提示）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="201" />
        <source>whole file</source>
        <translation>整个文件</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="438" />
        <source>Reassign task</source>
        <translation>调整任务</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="453" />
        <source>e.g. on leave</source>
        <translation>如：休假</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="455" />
        <source>Reassign</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="459" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="463" />
        <source>Now</source>
        <translation>现由</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="464" />
        <source>Lead officer</source>
        <translation>主检执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="465" />
        <source>Second officer</source>
        <translation>第二名执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/planning.py" line="466" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="375" />
        <source>抽查记录</source>
        <translation>抽查记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="379" />
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="382" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="385" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="396" />
        <source>Preparing the document…</source>
        <translation>正在生成文书…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="422" />
        <source>Printing failed: %1</source>
        <translation>打印失败：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="424" />
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="435" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="437" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="445" />
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ReportFields</name>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="321" />
        <source>Report number</source>
        <translation>检验报告编号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="327" />
        <source>(date)</source>
        <translation>（日期）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/checklist/failures.py" line="332" />
        <source>From inspection report</source>
        <translation>取自检验报告</translation>
    </message>
</context>
<context>
    <name>ReportReceiptDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="45" />
        <source>Record the unit's rectification report</source>
        <translation>登记整改报告</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="48" />
        <source>e.g. 漳市监特令〔2026〕第010007号</source>
        <translation>如：漳市监特令〔2026〕第010007号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="54" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="56" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="63" />
        <source>Directive number</source>
        <translation>指令书编号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="64" />
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="65" />
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="89" />
        <source>Pages of the report</source>
        <translation>整改报告材料</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="67" />
        <source>The re-inspection is due within 10 working days of the day the report is received (57号令 Art 29).</source>
        <translation>应自收到整改报告之日起10个工作日内进行复查（57号令第二十九条）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="77" />
        <source>Record the report</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="90" />
        <source>Documents and images (*.pdf *.jpg *.jpeg *.png *.gif *.docx *.xlsx *.doc *.xls *.txt);;All files (*)</source>
        <translation>文档和图片 (*.pdf *.jpg *.jpeg *.png *.gif *.docx *.xlsx *.doc *.xls *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="107" />
        <source>Enter the directive's number.</source>
        <translation>请填写指令书编号。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/report_receipt.py" line="123" />
        <source>%1: report recorded with %2 file(s); re-inspection due %3</source>
        <translation>%1：已登记整改报告（附件%2份），复查期限%3</translation>
    </message>
</context>
<context>
    <name>ResumePrompt</name>
    <message>
        <location filename="../../inspector_app/ui/login/resume.py" line="22" />
        <source>Unfinished inspection</source>
        <translation>未完成的检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/resume.py" line="23" />
        <source>Continue the unfinished inspection?</source>
        <translation>继续上次未完成的检查？</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/resume.py" line="25" />
        <source>%1, started %2, %3 items answered.</source>
        <translation>%1，开始于%2，已检查%3项。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/resume.py" line="31" />
        <source>Continue</source>
        <translation>继续检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/resume.py" line="33" />
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="51" />
        <source>Findings to acknowledge</source>
        <translation>请核对检查发现的问题</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="55" />
        <source>Show this page to the unit's representative: they sign to acknowledge the findings below.</source>
        <translation>请将本页交被检查单位负责人核对：签名即确认已知悉以下问题。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="68" />
        <source>No problem was found.</source>
        <translation>本次检查未发现问题。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="73" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="75" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="77" />
        <source>Acknowledge and sign</source>
        <translation>确认并签名</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="82" />
        <source>Representative</source>
        <translation>被检查单位负责人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="91" />
        <source>Findings (%1)</source>
        <translation>发现的问题（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="105" />
        <source>Deadline: %1</source>
        <translation>整改期限：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="114" />
        <source>Sign on the pad first.</source>
        <translation>请先在签字板上签名。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/review.py" line="117" />
        <source>Type the signer's name.</source>
        <translation>请填写签字人姓名。</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="149" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/ledger/models.py" line="151" />
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="87" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="93" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="97" />
        <source>Sync server</source>
        <translation>同步服务器地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="98" />
        <source>Touch mode: larger buttons, tabs and check boxes</source>
        <translation>触控模式：按钮、标签页和复选框加大</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="100" />
        <source>Touch</source>
        <translation>触控</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="110" />
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="111" />
        <source> backups</source>
        <translation> 份</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="113" />
        <source>One backup a day in the data folder's backups; 0 turns them off</source>
        <translation>每天在数据文件夹的 backups 中自动备份一份；设为0则不自动备份</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="115" />
        <source>Daily backups kept</source>
        <translation>自动备份保留份数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings.py" line="116" />
        <source>The language changes the next time the app starts.</source>
        <translation>界面语言将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="40" />
        <source>First start: create an officer account</source>
        <translation>首次使用：创建执法人员账户</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="44" />
        <source>Inspector</source>
        <translation>监察员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="45" />
        <source>Supervisor</source>
        <translation>科长（督办）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="51" />
        <source>Create account</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="55" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="56" />
        <source>Law-enforcement certificate no.</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="57" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="58" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="59" />
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="61" />
        <source>No officer account exists yet. Create the first one.</source>
        <translation>尚无执法人员账户，请创建第一个账户。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/login/dialogs.py" line="71" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>SignerBox</name>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="49" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="51" />
        <source>Save signature</source>
        <translation>保存签名</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="69" />
        <source>Sign on the pad first.</source>
        <translation>请先在签字板上签名。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="72" />
        <source>Type the signer's name.</source>
        <translation>请填写签字人姓名。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="84" />
        <source>Review findings and sign…</source>
        <translation>核对问题并签名…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="89" />
        <source>Signed: %1</source>
        <translation>已签名：%1</translation>
    </message>
</context>
<context>
    <name>SignoffScreen</name>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="104" />
        <source>Serious hazard: stop using the equipment at once</source>
        <translation>存在重大事故隐患，立即停止使用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="105" />
        <source>General hazards: rectify by the deadline</source>
        <translation>存在一般隐患，限期整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="106" />
        <source>No hazard found</source>
        <translation>未发现隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="117" />
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="125" />
        <source>Lead officer</source>
        <translation>主检执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="127" />
        <location filename="../../inspector_app/ui/signoff/screen.py" line="172" />
        <source>Second officer</source>
        <translation>第二名执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="129" />
        <source>Unit representative</source>
        <translation>被检查单位负责人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="142" />
        <source>Note on the refusal (optional)</source>
        <translation>拒签情况说明（可选）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="143" />
        <source>Representative refuses to sign</source>
        <translation>被检查单位负责人拒绝签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="152" />
        <source>The unit's opinion in its own words, e.g. 对检查发现的问题无异议，将按要求整改</source>
        <translation>被检查单位的意见，如：对检查发现的问题无异议，将按要求整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="155" />
        <source>Unit's opinion</source>
        <translation>被检查单位意见</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="160" />
        <location filename="../../inspector_app/ui/signoff/screen.py" line="310" />
        <source>Back to checklist</source>
        <translation>返回检查表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="162" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="164" />
        <source>Conclude and lock</source>
        <translation>结束检查并锁定</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="167" />
        <source>Directive and record…</source>
        <translation>指令书与检查记录…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="201" />
        <source>Answered %1 of %2: %3 passed, %4 failed, %5 not applicable.</source>
        <translation>已检查%1/%2项：符合%3项，不符合%4项，不适用%5项。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="205" />
        <source>Serious hazards: %1 · General hazards: %2</source>
        <translation>重大事故隐患：%1项 · 一般隐患：%2项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="207" />
        <source>Conclusion: %1</source>
        <translation>检查结论：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="212" />
        <source>%1 items are still unanswered.</source>
        <translation>还有%1个检查项目未填写。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="221" />
        <source>Refused to sign: %1</source>
        <translation>拒绝签字：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="223" />
        <source>Concluded and locked</source>
        <translation>检查已结束并锁定</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="288" />
        <source>Type the signer's name.</source>
        <translation>请填写签字人姓名。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="289" />
        <source>A drawn signature has no name.</source>
        <translation>已签的签名缺少签名人姓名。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="304" />
        <source>Most items are not applicable</source>
        <translation>多数项目为“不适用”</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="305" />
        <source>%1 of the %2 answered items are marked not applicable. Check that they really do not apply before concluding.</source>
        <translation>已填写的%2项中有%1项为“不适用”。请确认这些项目确实不适用后再结束检查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/signoff/screen.py" line="309" />
        <source>Conclude anyway</source>
        <translation>仍然结束检查</translation>
    </message>
</context>
<context>
    <name>StartInspectionDialog</name>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="52" />
        <location filename="../../inspector_app/ui/start/dialog.py" line="117" />
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="58" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="74" />
        <source>Edit unit…</source>
        <translation>编辑单位信息…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="90" />
        <source>(choose later)</source>
        <translation>（稍后选择）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="99" />
        <source> inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="115" />
        <source>e.g. safety manager</source>
        <translation>如：安全管理员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="120" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="123" />
        <source>Follow-up (%1 open findings)…</source>
        <translation>复查（%1项待整改）…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="127" />
        <source>New equipment…</source>
        <translation>新增设备…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="129" />
        <source>Edit equipment…</source>
        <translation>编辑设备…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="134" />
        <source>Type of inspection</source>
        <translation>检查类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="135" />
        <source>Task source</source>
        <translation>任务来源</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="136" />
        <source>Second officer</source>
        <translation>第二名执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="137" />
        <source>Unit representative</source>
        <translation>被检查单位负责人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="138" />
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="148" />
        <source>Task: %1</source>
        <translation>任务：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="153" />
        <source>Equipment to inspect</source>
        <translation>受检设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="196" />
        <source>Choose the equipment to edit in the list.</source>
        <translation>请先在列表中选择要编辑的设备。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="206" />
        <source>Annual plan (optional)</source>
        <translation>年度监督检查计划（可不填）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="207" />
        <source>Name of the campaign (required)</source>
        <translation>专项工作名称（必填）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="208" />
        <source>Licence concerned (optional)</source>
        <translation>涉及的许可事项（可不填）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="209" />
        <source>Complaint, referral or lead (required)</source>
        <translation>投诉举报、转办交办、检验机构线索等（必填）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/start/dialog.py" line="226" />
        <source>Log in first.</source>
        <translation>请先登录。</translation>
    </message>
</context>
<context>
    <name>SupervisorScreen</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="89" />
        <source>Stop use</source>
        <translation>停止使用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="89" />
        <source>Rectify</source>
        <translation>限期整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="90" />
        <source>Passed</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="92" />
        <source>All conclusions</source>
        <translation>全部结论</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="95" />
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="207" />
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="98" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="99" />
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="119" />
        <source>Unit</source>
        <translation>使用单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="100" />
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="120" />
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="101" />
        <source>Officers</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="102" />
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="103" />
        <source>Findings</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="104" />
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="123" />
        <source>Directive</source>
        <translation>指令书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="112" />
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="115" />
        <source>%1 days overdue</source>
        <translation>已逾期%1天</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="117" />
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="121" />
        <source>Hazard</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="122" />
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="134" />
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="137" />
        <source>Double-click or Enter opens the inspection.</source>
        <translation>双击或按回车键查看该次检查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="154" />
        <source>Two devices changed the same record. Double-click or Enter to compare the versions and choose one.</source>
        <translation>两台设备修改了同一条记录。双击或按回车键比较两个版本并选定其一。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="163" />
        <source>Oversight board</source>
        <translation>监管看板</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="166" />
        <source>挂牌督办 cases</source>
        <translation>挂牌督办</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="168" />
        <source>Credit and 失信名单</source>
        <translation>信用与失信名单</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="173" />
        <source>Plans and tasks</source>
        <translation>计划与任务</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="175" />
        <source>Supervision: results received from the inspectors</source>
        <translation>监督：监察员报送的检查结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="177" />
        <source>Import equipment ledger…</source>
        <translation>导入设备台账…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="179" />
        <source>Units and equipment from the office's ledger (Excel or CSV)</source>
        <translation>从本局的设备台账（Excel或CSV）导入使用单位和设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="198" />
        <source>Serious hazard / stop use</source>
        <translation>重大事故隐患 / 停止使用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="199" />
        <source>General hazard / rectify</source>
        <translation>一般隐患 / 限期整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="200" />
        <source>Past the deadline</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="201" />
        <source>No hazard found</source>
        <translation>未发现隐患</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="222" />
        <source>Received inspections (%1)</source>
        <translation>收到的检查（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="222" />
        <source>Open findings (%1)</source>
        <translation>未整改问题（%1）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/screen.py" line="223" />
        <source>Data conflicts (%1)</source>
        <translation>数据冲突（%1）</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="54" />
        <location filename="../../inspector_app/ui/sync/actions.py" line="114" />
        <location filename="../../inspector_app/ui/sync/actions.py" line="121" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="56" />
        <source>Send this laptop's changes to the office and fetch the office's changes</source>
        <translation>把本机的更改发送到局端，并接收局端的更改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="59" />
        <source>Export to USB stick…</source>
        <translation>导出到U盘…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="61" />
        <source>Import sync bundles…</source>
        <translation>导入同步包…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="64" />
        <source>Device enrolment…</source>
        <translation>设备登记…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="65" />
        <source>This device's id and fingerprint, its enrolment request and the office key</source>
        <translation>本机的设备编号和指纹、登记申请及局端密钥</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="134" />
        <source>Sync with the office</source>
        <translation>与局端同步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="139" />
        <source>Sync done: %1 bundle(s) sent, %2 change(s) received, %3 conflict(s).</source>
        <translation>同步完成：发送%1个同步包，接收%2项更改，冲突%3处。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="147" />
        <source>The sync is done, but these checklist form publications were refused and are not used (new inspections keep the current form; tell the office):
%1</source>
        <translation>同步已完成，但以下检查表发布未通过验证，未被采用（新检查仍使用当前检查表，请告知局端）：
%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="152" />
        <source>The office left out %1 change(s) because a photo, signature or PDF is missing or damaged there. The office has them on record; they follow in a later sync once the files are restored. Tell the office if this lasts.</source>
        <translation>局端有%1项更改因照片、签名或PDF文件在局端缺失或损坏而暂未发来。局端已有记录，文件恢复后会在以后的同步中补发；如长期如此，请告知局端。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="163" />
        <location filename="../../inspector_app/ui/sync/actions.py" line="168" />
        <source>Export to USB stick</source>
        <translation>导出到U盘</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="173" />
        <source>Nothing to export: the office has every change of this laptop.</source>
        <translation>没有需要导出的更改：局端已收到本机的全部更改。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="175" />
        <source>%1 changes (%2 files attached) written to
%3
Import it at the office with 导入同步包….</source>
        <translation>已将%1项更改（附%2个文件）写入
%3
请在局端用“导入同步包…”导入。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="185" />
        <location filename="../../inspector_app/ui/sync/actions.py" line="191" />
        <source>Import sync bundles</source>
        <translation>导入同步包</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="186" />
        <source>Sync bundles (*.bundle);;All files (*)</source>
        <translation>同步包 (*.bundle);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/actions.py" line="206" />
        <source>%1 of %2 bundle(s) imported.</source>
        <translation>已导入%1/%2个同步包。</translation>
    </message>
</context>
<context>
    <name>SyncProgressDialog</name>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="32" />
        <source>Export changes</source>
        <translation>导出更改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="32" />
        <source>Send to the office</source>
        <translation>发送到局端</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="33" />
        <source>Fetch from the office</source>
        <translation>从局端接收</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="33" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="43" />
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="47" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="86" />
        <source>Exporting the changes not yet acknowledged…</source>
        <translation>正在导出局端尚未确认的更改…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="87" />
        <source>Sending to the office…</source>
        <translation>正在发送到局端…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="88" />
        <source>Fetching changes from the office…</source>
        <translation>正在从局端接收更改…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="89" />
        <source>Checking and importing…</source>
        <translation>正在校验并导入…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="97" />
        <source>Cancelling… (the step under way finishes or rolls back)</source>
        <translation>正在取消…（当前步骤完成或回滚后停止）</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <location filename="../../inspector_app/ui/sync/status.py" line="37" />
        <source>Office database · last bundle received: %1</source>
        <translation>局端数据库 · 最近收到同步包：%1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/status.py" line="38" />
        <source>Office database · no bundle received yet</source>
        <translation>局端数据库 · 尚未收到同步包</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/status.py" line="42" />
        <source>Not enrolled with the office yet: the data stays on this computer (Sync › Enrol device…)</source>
        <translation>本机尚未在局端登记，数据只保存在本机（同步 › 设备登记…）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/status.py" line="46" />
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/status.py" line="47" />
        <source>Last sync: %1 · waiting: %2 changes</source>
        <translation>上次同步：%1 · 待同步更改：%2项</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="36" />
        <source>Edit unit</source>
        <translation>编辑使用单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="36" />
        <source>New unit</source>
        <translation>新增使用单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="42" />
        <source>Priority unit</source>
        <translation>重点单位</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="54" />
        <source>Unit name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="55" />
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="56" />
        <source>Venue type</source>
        <translation>场所类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="57" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="58" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="59" />
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="60" />
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="72" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/registry/unit_dialog.py" line="72" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="461" />
        <source>Verify the plan</source>
        <translation>核验抽查计划</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="463" />
        <source>Also compare with the registry as it is now (changes since the draw are listed)</source>
        <translation>同时与现在的名录比对（列出抽取后名录的变动）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="466" />
        <source>optional: the pool hash printed on the record</source>
        <translation>可选：抽查记录上印的对象库哈希值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="471" />
        <source>Verify again</source>
        <translation>重新核验</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="473" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="477" />
        <source>Announced pool hash</source>
        <translation>公布的对象库哈希值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="491" />
        <source>Drawing again…</source>
        <translation>正在重新抽取…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="504" />
        <source>Verified: the draw repeated gives the stored list.</source>
        <translation>核验通过：重新抽取的结果与存档一致。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="507" />
        <source>Not verified: what differs is marked ✘ below.</source>
        <translation>核验未通过：不一致之处以✘标出。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="510" />
        <source>Pool hash: %1&lt;br&gt;Result hash of the repeated draw: %2</source>
        <translation>对象库哈希值：%1&lt;br&gt;重新抽取结果哈希值：%2</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/supervisor/draw_dialog.py" line="514" />
        <source>%1 task(s) reassigned or cancelled after the draw (allowed; audited).</source>
        <translation>抽取后有%1项任务调整或撤销（允许，已留痕）。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../inspector_app/ui/startup.py" line="348" />
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
</TS>