/* global uPlot */
// Draws the load test report's charts from the JSON embedded in the page (see html-report.ts).
(function () {
  'use strict';

  const result = JSON.parse(document.getElementById('report-data').textContent);
  const charts = document.getElementById('charts');
  const palette = ['#1f6feb', '#d29922', '#cf222e', '#8250df', '#1a7f37', '#57606a'];

  function chart(name, title, options, data) {
    const figure = document.createElement('figure');
    figure.className = 'chart';
    figure.dataset.chart = name;
    charts.appendChild(figure);
    const width = Math.max(320, figure.clientWidth);
    new uPlot(Object.assign({ title: title, width: width, height: 260 }, options), data, figure);
    // How many values the chart drew, for readers and for the browser test.
    figure.dataset.points = String(
      data.slice(1).reduce(function (sum, series) {
        return (
          sum +
          series.filter(function (value) {
            return value !== null && value !== undefined;
          }).length
        );
      }, 0),
    );
  }

  function line(label, color, scale) {
    return { label: label, stroke: color, width: 2, scale: scale || 'y', points: { show: false } };
  }

  const seconds = { time: false };
  const intervals = result.run.intervals;
  const x = intervals.map(function (interval) {
    return interval.second;
  });
  const column = function (key) {
    return intervals.map(function (interval) {
      return interval[key];
    });
  };

  chart(
    'requests',
    'Requests per second',
    {
      scales: { x: seconds },
      axes: [
        { label: 'seconds' },
        { label: 'req/s' },
        { label: 'active', side: 1, scale: 'active', grid: { show: false } },
      ],
      series: [
        { label: 's' },
        line('requests/s', palette[0]),
        line('errors/s', palette[2]),
        line('active', palette[5], 'active'),
      ],
    },
    [x, column('requests'), column('errors'), column('concurrency')],
  );

  chart(
    'latency',
    'Latency percentiles per second (ms)',
    {
      scales: { x: seconds },
      axes: [{ label: 'seconds' }, { label: 'ms' }],
      series: [
        { label: 's' },
        line('p50', palette[0]),
        line('p90', palette[1]),
        line('p99', palette[2]),
        line('max', palette[3]),
      ],
    },
    [x, column('p50Ms'), column('p90Ms'), column('p99Ms'), column('maxMs')],
  );

  const buckets = result.run.distribution;
  const total =
    buckets.reduce(function (sum, bucket) {
      return sum + bucket.requests;
    }, 0) || 1;
  chart(
    'distribution',
    'Latency distribution (% of requests)',
    {
      scales: { x: { time: false } },
      axes: [{ label: 'ms' }, { label: '%' }],
      series: [
        { label: 'from ms' },
        {
          label: '% of requests',
          fill: palette[0] + '99',
          stroke: palette[0],
          paths: uPlot.paths.bars({ size: [0.9, 40] }),
          points: { show: false },
        },
      ],
    },
    [
      buckets.map(function (bucket) {
        return bucket.fromMs;
      }),
      buckets.map(function (bucket) {
        return (100 * bucket.requests) / total;
      }),
    ],
  );

  const footprint = result.footprint.filter(function (series) {
    return series.seconds.length > 0;
  });
  if (footprint.length > 0) {
    // Sources are read at the same seconds; the first one's seconds are the x axis.
    const fx = footprint[0].seconds;
    const of = function (key) {
      return footprint.map(function (series) {
        return fx.map(function (_, index) {
          return series[key][index];
        });
      });
    };
    const seriesOf = function (unit) {
      return [{ label: 's' }].concat(
        footprint.map(function (series, index) {
          return line(series.label + ' ' + unit, palette[index]);
        }),
      );
    };
    chart(
      'cpu',
      'CPU (% of one core)',
      {
        scales: { x: seconds },
        axes: [{ label: 'seconds' }, { label: '%' }],
        series: seriesOf('%'),
      },
      [fx].concat(of('cpuPercent')),
    );
    chart(
      'memory',
      'Memory (MiB)',
      {
        scales: { x: seconds },
        axes: [{ label: 'seconds' }, { label: 'MiB' }],
        series: seriesOf('MiB'),
      },
      [fx].concat(of('memoryMiB')),
    );
  }
})();
