//! Charts drawn as SVG: columns over time (the backlog, recurring revenue)
//! and horizontal stacked bars (time per person, planned load against
//! capacity). Colours come from the stylesheet's `--chart-N` variables, so
//! a chart reads the same in the light and the dark theme; every chart has
//! a "Table" switch that shows its numbers instead, for who would rather
//! read them (and for screen readers, which get the table's text).

use crate::i18n::T;
use crate::state::use_lang;
use yew::prelude::*;

/// One series: its name (legend, table heading), its values in the order
/// of the categories, and whether it is drawn as a line over the columns.
#[derive(Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
    pub line: bool,
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The element id (tests and the table switch use it).
    pub id: AttrValue,
    pub title: AttrValue,
    /// The categories: weeks, months or people.
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// How a value is written (in the table, on hover and at a bar's end).
    pub format: Callback<f64, String>,
    /// Horizontal stacked bars (people) rather than columns (time).
    #[prop_or_default]
    pub horizontal: bool,
    /// For horizontal bars: a mark per category (the capacity).
    #[prop_or_default]
    pub marks: Option<Series>,
}

const WIDTH: f64 = 560.0;
const COLUMN_HEIGHT: f64 = 180.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 22.0;
const ROW: f64 = 26.0;
/// The labels' column of horizontal bars: from this, up to a third of the
/// width, as the longest label needs (11 px text, ~6.3 px a character).
const LABEL: f64 = 90.0;
const END_TEXT: f64 = 70.0;

/// A round upper bound for the axis: 1, 2 or 5 times a power of ten.
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|bound| *bound >= value)
        .unwrap_or(10.0 * power)
}

#[function_component(Chart)]
pub fn chart(props: &ChartProps) -> Html {
    let lang = use_lang();
    let as_table = use_state(|| false);
    let toggle = {
        let as_table = as_table.clone();
        Callback::from(move |_| as_table.set(!*as_table))
    };
    let body = if *as_table {
        table(props)
    } else if props.horizontal {
        bars(props)
    } else {
        columns(props)
    };
    let legend = props
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let class = if s.line { "swatch line" } else { "swatch" };
            html! { <span class="legend-item"><span class={classes!(class, format!("chart-{}", i + 1))}></span>{ s.name.clone() }</span> }
        })
        .chain(props.marks.iter().map(|m| {
            html! { <span class="legend-item"><span class="swatch mark"></span>{ m.name.clone() }</span> }
        }))
        .collect::<Html>();
    html! {
        <figure class="chart card" id={props.id.clone()}>
            <figcaption>
                <span class="strong">{ props.title.clone() }</span>
                <button class="ghost small chart-switch" onclick={toggle}>
                    { if *as_table { T::ChartView.text(lang) } else { T::TableView.text(lang) } }
                </button>
            </figcaption>
            <div class="legend">{ legend }</div>
            { body }
        </figure>
    }
}

fn table(props: &ChartProps) -> Html {
    let heads = props.series.iter().chain(props.marks.iter());
    html! {
        <table class="list chart-table">
            <thead><tr>
                <th></th>
                { for heads.clone().map(|s| html! { <th class="right">{ s.name.clone() }</th> }) }
            </tr></thead>
            <tbody>
                { for props.categories.iter().enumerate().map(|(i, category)| html! {
                    <tr>
                        <td>{ category.clone() }</td>
                        { for heads.clone().map(|s| html! {
                            <td class="right">{ props.format.emit(s.values.get(i).copied().unwrap_or(0.0)) }</td>
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// Columns side by side per category, lines over them, a scale on the left.
fn columns(props: &ChartProps) -> Html {
    let count = props.categories.len().max(1) as f64;
    let top = props
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0, f64::max);
    let ceiling = nice_ceiling(top);
    let plot_width = WIDTH - LEFT - 6.0;
    let step = plot_width / count;
    let y = |v: f64| COLUMN_HEIGHT - (v / ceiling) * (COLUMN_HEIGHT - 10.0);
    let column_series: Vec<(usize, &Series)> = props
        .series
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.line)
        .collect();
    let group = column_series.len().max(1) as f64;
    let column_width = (step * 0.7 / group).min(28.0);
    // The middle line only where it falls between two different labels.
    let fractions: &[f64] = if ceiling >= 2.0 {
        &[0.0, 0.5, 1.0]
    } else {
        &[0.0, 1.0]
    };
    let grid = fractions.iter().map(|f| {
        let value = ceiling * f;
        html! {
            <g class="grid">
                <line x1={LEFT.to_string()} x2={(WIDTH - 6.0).to_string()} y1={y(value).to_string()} y2={y(value).to_string()} />
                <text x={(LEFT - 4.0).to_string()} y={(y(value) + 4.0).to_string()} text-anchor="end">{ props.format.emit(value) }</text>
            </g>
        }
    });
    let mut shapes = Vec::new();
    for (slot, (index, series)) in column_series.iter().enumerate() {
        for (i, value) in series.values.iter().enumerate() {
            let x = LEFT
                + step * i as f64
                + (step - column_width * group) / 2.0
                + column_width * slot as f64;
            let label = format!(
                "{} — {}: {}",
                props.categories[i],
                series.name,
                props.format.emit(*value)
            );
            shapes.push(html! {
                <rect class={format!("chart-{}", index + 1)} x={x.to_string()} y={y(*value).to_string()}
                    width={column_width.to_string()} height={(COLUMN_HEIGHT - y(*value)).max(0.0).to_string()}>
                    <title>{ label }</title>
                </rect>
            });
        }
    }
    for (index, series) in props.series.iter().enumerate().filter(|(_, s)| s.line) {
        let points = series
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", LEFT + step * (i as f64 + 0.5), y(*v)))
            .collect::<Vec<_>>()
            .join(" ");
        shapes.push(
            html! { <polyline class={format!("line chart-{}", index + 1)} points={points} /> },
        );
        for (i, v) in series.values.iter().enumerate() {
            shapes.push(html! {
                <circle class={format!("dot chart-{}", index + 1)} cx={(LEFT + step * (i as f64 + 0.5)).to_string()} cy={y(*v).to_string()} r="3">
                    <title>{ format!("{} — {}: {}", props.categories[i], series.name, props.format.emit(*v)) }</title>
                </circle>
            });
        }
    }
    // Every other label when they would crowd.
    let every = if count > 8.0 { 2 } else { 1 };
    let labels = props.categories.iter().enumerate().filter(|(i, _)| i % every == 0).map(|(i, c)| {
        html! { <text class="axis" x={(LEFT + step * (i as f64 + 0.5)).to_string()} y={(COLUMN_HEIGHT + 16.0).to_string()} text-anchor="middle">{ c.clone() }</text> }
    });
    html! {
        <svg class="chart-svg" viewBox={format!("0 0 {WIDTH} {}", COLUMN_HEIGHT + BOTTOM)} role="img" aria-label={props.title.clone()}>
            { for grid }
            { for shapes }
            { for labels }
        </svg>
    }
}

/// A row per category: its series stacked, the mark (capacity) drawn as a
/// tick, the total written at the end.
fn bars(props: &ChartProps) -> Html {
    let totals: Vec<f64> = (0..props.categories.len())
        .map(|i| {
            props
                .series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let marks_top = props
        .marks
        .as_ref()
        .map(|m| m.values.iter().copied().fold(0.0, f64::max))
        .unwrap_or(0.0);
    let largest = totals.iter().copied().fold(marks_top, f64::max).max(1.0);
    let longest = props
        .categories
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let label = (longest * 6.3 + 12.0).clamp(LABEL, WIDTH / 3.0);
    let area = WIDTH - label - END_TEXT;
    let scale = |v: f64| v / largest * area;
    let height = ROW * props.categories.len().max(1) as f64 + 4.0;
    let rows = props.categories.iter().enumerate().map(|(i, category)| {
        let top = ROW * i as f64 + 4.0;
        let mut x = label;
        let mut pieces = Vec::new();
        for (index, series) in props.series.iter().enumerate() {
            let value = series.values.get(i).copied().unwrap_or(0.0);
            let width = scale(value);
            if width > 0.0 {
                pieces.push(html! {
                    <rect class={format!("chart-{}", index + 1)} x={x.to_string()} y={top.to_string()} width={width.to_string()} height={(ROW - 10.0).to_string()}>
                        <title>{ format!("{category} — {}: {}", series.name, props.format.emit(value)) }</title>
                    </rect>
                });
            }
            x += width;
        }
        let mark = props.marks.as_ref().and_then(|m| m.values.get(i).copied()).filter(|v| *v > 0.0).map(|v| {
            let at = label + scale(v);
            html! {
                <line class="mark" x1={at.to_string()} x2={at.to_string()} y1={(top - 3.0).to_string()} y2={(top + ROW - 7.0).to_string()}>
                    <title>{ props.format.emit(v) }</title>
                </line>
            }
        });
        let over = props.marks.as_ref().and_then(|m| m.values.get(i).copied()).is_some_and(|cap| cap > 0.0 && totals[i] > cap);
        html! {
            <g class={classes!("bar-row", over.then_some("over"))}>
                <text class="axis" x={(label - 6.0).to_string()} y={(top + ROW - 13.0).to_string()} text-anchor="end">{ category.clone() }</text>
                { for pieces }
                { for mark }
                <text class="total" x={(x.max(label) + 5.0).to_string()} y={(top + ROW - 13.0).to_string()}>{ props.format.emit(totals[i]) }</text>
            </g>
        }
    });
    html! {
        <svg class="chart-svg" viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={props.title.clone()}>
            { for rows }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::nice_ceiling;

    #[test]
    fn the_scale_ends_on_a_round_number() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(12.0), 20.0);
        assert_eq!(nice_ceiling(430.0), 500.0);
        assert_eq!(nice_ceiling(2000.0), 2000.0);
    }
}
