import XCTest
@testable import PortraitsCore
@testable import PortraitsGraphics
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// The parts of the portrait model that do not need a project: how a figure is written, and that
/// a chart's data becomes the scene of its kind.
final class PortraitModelTests: XCTestCase {
    func testAFigureIsWrittenOneWayPerUnit() {
        XCTAssertEqual(Figure.ha(123_456).text, "12,3\u{00A0}ha")
        XCTAssertEqual(Figure.signedHa(123_456).text, "+12,3\u{00A0}ha")
        XCTAssertEqual(Figure.signedHa(-40_000).text, "−4,0\u{00A0}ha")
        // A change that rounds to nothing carries no sign.
        XCTAssertEqual(Figure.signedHa(100).text, "0,0\u{00A0}ha")
        XCTAssertEqual(Figure.num(12_345_678).text, "1\u{00A0}234,6")
        XCTAssertEqual(Figure.pct(0.1234).text, "12,3\u{00A0}%")
        XCTAssertEqual(Figure.signedPct(0.05).text, "+5,0\u{00A0}%")
        XCTAssertEqual(Figure.count(1234).text, "1\u{00A0}234")
        XCTAssertEqual(Figure(value: 12_345, unit: .intensity).text, "1,23")
        // A figure that cannot be computed is a dash, whatever its unit.
        XCTAssertEqual(Figure.pct(nil).text, "–")
        XCTAssertEqual(Figure.signedPct(nil).text, "–")
        // In a table that ranks it, a positive value that rounds to zero is not shown as zero.
        XCTAssertEqual(Figure.ha(400).textAboveZero, "< 0,1\u{00A0}ha")
        XCTAssertEqual(Figure(value: 40, unit: .intensity).textAboveZero, "< 0,01")
        XCTAssertEqual(Figure.ha(0).textAboveZero, "0,0\u{00A0}ha")
        XCTAssertEqual(Figure.ha(123_456).textAboveZero, "12,3\u{00A0}ha")
        // In a sentence: « moins de 0,1 ha » (Hœnheim's 0,3 ha over 11 years read « 0,0 ha par an »).
        XCTAssertEqual(Fmt.haInText(273), "moins de 0,1\u{00A0}ha")
        XCTAssertEqual(Fmt.haInText(0), "0,0\u{00A0}ha")
        XCTAssertEqual(Fmt.haInText(1_000), "0,1\u{00A0}ha")
    }

    func testAChartsDataBecomesTheSceneOfItsKind() {
        let bars = [BarRow(label: "Gain", value: 10_000, color: FluxColors.gain), BarRow(label: "Perte", value: 0, color: FluxColors.loss)]
        let kept = Chart(kind: "flux", data: .divergingBars(bars, keepZeros: true), alt: "a").scene
        let dropped = Chart(kind: "flux", data: .divergingBars(bars, keepZeros: false), alt: "a").scene
        XCTAssertEqual(kept.marks.count, DivergingBarChart.scene(rows: bars, keepZeros: true).marks.count)
        XCTAssertGreaterThan(kept.marks.count, dropped.marks.count, "the zero bar is kept only when asked")
        let trajectory = TrajectoryChart.Input(currentPace: 10_000, referencePace: 20_000, allowance: 100_000)
        XCTAssertEqual(Chart(kind: "zan", data: .trajectory(trajectory), alt: "b").scene.marks.count, TrajectoryChart.scene(trajectory).marks.count)
    }
}
